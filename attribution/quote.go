package attribution

import (
	"encoding/json"
	"fmt"

	"github.com/whosaid/whosaid/entities"
)

// Kind is the kind of a quote.
type Kind int

// The kinds of quote.
const (
	// Direct is a whole statement set off by quotation marks.
	Direct Kind = iota
	// Partial is a quoted fragment inside the writer's own sentence
	// (backed the U.S. "holding summits and achieving results").
	Partial
	// Mixed is reported speech that holds a quoted part; the quoted part is
	// also output as its own Partial quote.
	Mixed
	// Indirect is reported speech with no quotation marks (analysts said
	// that ...).
	Indirect
	// Term is a scare quote, a title or a quoted word with no speech around
	// it (the so-called "peace dividend"). Terms are left out of results
	// unless [WithTerms] is given.
	Term
)

var kindNames = [...]string{"direct", "partial", "mixed", "indirect", "term"}

// String returns the kind's name as used in JSON.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("attribution: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a kind from its name.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("attribution: unknown quote kind %q", b)
}

// Quoted reports whether quotes of this kind are set off by quotation marks.
func (k Kind) Quoted() bool { return k == Direct || k == Partial || k == Term }

// Quote is one attributed statement: its content span, how it is set off,
// its cue, its speaker and how sure the extractor is.
type Quote struct {
	// Span is the content: for quoted kinds the text between the marks,
	// marks excluded; for reported kinds the reported clause.
	entities.Span
	// Text is the content as written.
	Text string `json:"text"`
	// Kind tells direct, partial, mixed, indirect and term quotes apart.
	Kind Kind `json:"kind"`
	// Group is shared by the pieces of one quotation: a quotation that runs
	// over several paragraphs or is interrupted by its cue is one Quote per
	// piece. Groups are numbered from 0 in text order.
	Group int `json:"group"`
	// Open and Close are the quotation marks, or empty spans where there is
	// none (reported speech, or a quotation left open at a paragraph end).
	Open  entities.Span `json:"-"`
	Close entities.Span `json:"-"`
	// Cue is the speech verb or phrase that attributes the quote, or nil.
	Cue *Cue `json:"cue"`
	// Speaker is who said it, or nil when no speaker was found.
	Speaker *Speaker `json:"speaker"`
	// Confidence is the probability that the quote and its speaker are
	// right; for a quote with no speaker, that the quote is speech at all.
	Confidence float64 `json:"confidence"`
	// Sieve names the sieve that decided the speaker, or "" when none did.
	Sieve string `json:"sieve,omitempty"`
	// Evidence is what the deciding sieve and the quote finder observed,
	// the input to the confidence model.
	Evidence Evidence `json:"-"`
	// Explanation tells how Confidence was computed; set only with
	// [WithExplanations].
	Explanation *Explanation `json:"explanation,omitempty"`
}

// CueClass separates speech from belief and intention.
type CueClass int

// The cue classes.
const (
	// Speech is a verb or phrase of saying (said, told, according to).
	Speech CueClass = iota
	// Belief is a verb of thinking, believing, hoping or wanting; such
	// attributions are reported speech only loosely, and get lower
	// confidence.
	Belief
)

var cueClassNames = [...]string{"speech", "belief"}

// String returns the class name.
func (c CueClass) String() string {
	if c < 0 || int(c) >= len(cueClassNames) {
		return fmt.Sprintf("CueClass(%d)", int(c))
	}
	return cueClassNames[c]
}

// MarshalText encodes the class as its name.
func (c CueClass) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes a class from its name.
func (c *CueClass) UnmarshalText(b []byte) error {
	for i, n := range cueClassNames {
		if n == string(b) {
			*c = CueClass(i)
			return nil
		}
	}
	return fmt.Errorf("attribution: unknown cue class %q", b)
}

// Cue is the word or phrase that marks a statement as someone's: said,
// told, according to, a colon after a name.
type Cue struct {
	entities.Span
	// Text is the cue as written.
	Text string `json:"text"`
	// Lemma is the cue's base form (say for said), or the phrase.
	Lemma string `json:"lemma,omitempty"`
	// Class is speech or belief.
	Class CueClass `json:"class"`
}

// Speaker is who made a statement.
type Speaker struct {
	// Name is the resolved, canonical name: Kim Heung-kyu even where the
	// text says he; for anonymous sources and groups, the phrase itself
	// (a ministry official, analysts).
	Name string
	// Type is person, organization, group, anonymous or unknown.
	Type entities.Kind
	// Span is the mention that licenses the attribution in its context:
	// the he of "he added".
	entities.Span
	// Source is the whole source phrase as written, with role and
	// affiliation ("Park Won-gon, professor of ... at Handong Global
	// University").
	Source entities.Span
	// Role and Affiliation describe the speaker, from the entity's mentions.
	Role        string
	Affiliation string
	// Entity is the index in [Result.Analysis] Entities of the speaker, or
	// -1.
	Entity int
}

type speakerJSON struct {
	Name        string        `json:"name"`
	Type        entities.Kind `json:"type"`
	Start       int           `json:"start"`
	End         int           `json:"end"`
	SourceStart int           `json:"source_start"`
	SourceEnd   int           `json:"source_end"`
	Role        string        `json:"role"`
	Affiliation string        `json:"affiliation"`
}

// MarshalJSON encodes the speaker in the flat layout of the output schema.
func (s Speaker) MarshalJSON() ([]byte, error) {
	return json.Marshal(speakerJSON{s.Name, s.Type, s.Start, s.End, s.Source.Start, s.Source.End, s.Role, s.Affiliation})
}

// UnmarshalJSON decodes the flat layout written by MarshalJSON.
func (s *Speaker) UnmarshalJSON(b []byte) error {
	var j speakerJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Speaker{Name: j.Name, Type: j.Type, Span: entities.Span{Start: j.Start, End: j.End},
		Source: entities.Span{Start: j.SourceStart, End: j.SourceEnd}, Role: j.Role, Affiliation: j.Affiliation, Entity: -1}
	return nil
}

// Problem is a non-fatal finding about the input, such as a quotation mark
// that is never closed. Problems are data, not errors.
type Problem struct {
	entities.Span
	// Message says what is wrong, in lower case.
	Message string `json:"message"`
}

// Result is what [Extractor.Extract] found in one article.
type Result struct {
	// Document is the tokenized article.
	Document *entities.Document `json:"-"`
	// Analysis holds the article's mentions and entity clusters.
	Analysis *entities.Analysis `json:"-"`
	// Quotes are sorted by Start.
	Quotes []Quote `json:"quotes"`
	// Problems are sorted by Start.
	Problems []Problem `json:"problems"`
}

// Explanation is a tree that tells how a confidence value was reached: the
// value, what it stands for, and the contributions it was made from.
type Explanation struct {
	Value    float64        `json:"value"`
	Message  string         `json:"message"`
	Children []*Explanation `json:"children,omitempty"`
}
