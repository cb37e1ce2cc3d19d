// Package attribution answers who said what in a news article: it finds
// every quotation and every piece of reported speech, the cue that
// introduces it, and the speaker, with the speaker's role and affiliation
// and a confidence score.
//
// Use [New] once and share the [Extractor]; it is safe for concurrent use:
//
//	ex, err := attribution.New()
//	res, err := ex.Extract(ctx, article)
//	for _, q := range res.Quotes {
//		fmt.Println(q.Kind, q.Text, q.Speaker.Name, q.Confidence)
//	}
//
// The rules it keeps:
//   - Every span is a half-open pair of UTF-8 byte offsets into the
//     caller's text; the text is never modified.
//   - A quotation that runs over several paragraphs, or is interrupted by its
//     cue, is one [Quote] per piece; the pieces share a Group.
//   - Non-fatal findings (an unclosed quotation mark) are [Problem] values in
//     the [Result]; errors are only for configuration and cancellation.
//   - Speakers are found by an ordered list of small sieves ([Sieve]), most
//     precise first; the deciding sieve's name and the evidence it used are
//     kept on the quote, and one model turns the evidence into Confidence.
//   - Reported speech comes from rules over the cue lexicon and the
//     part-of-speech tags, and where they find nothing, from a learned
//     statement tagger ([TaggerModel], sieve "tagger"): a perceptron and a
//     bidirectional LSTM scorer whose scores add up. A model without the
//     LSTM ([TaggerModel.WithoutLSTM]) is three times as fast and has a
//     learned ranker refine its clause boundaries (evidence
//     reported.bounds_moved); [WithTagger](nil) turns the tagger off, and
//     [Extractor.TrainTagger] trains it on annotated articles of your own.
package attribution
