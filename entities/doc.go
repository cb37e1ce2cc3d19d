// Package entities finds who is in a news article: it turns the text into a
// [Document] of paragraphs, sentences and part-of-speech tagged tokens, each
// held as a half-open byte [Span] into the caller's text, and recognises the
// people, organizations, places and groups mentioned in it, with their roles,
// affiliations and coreference clusters.
//
// The rules the package keeps:
//   - Every span is a pair of UTF-8 byte offsets into the original input, end
//     exclusive. The input is never modified, normalised or copied into a
//     different form before offsets are taken.
//   - Models (prose's segmenter and tagger) are loaded once per process and
//     shared; a [Parser] and a [Recognizer] are safe for concurrent use.
//   - Any string is accepted: invalid UTF-8, NUL bytes and empty text give a
//     Document, never a panic.
//
// Package attribution builds on this one to answer who said what; entities
// never imports attribution.
package entities
