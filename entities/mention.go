package entities

import "sort"

// Mention is one place in the text that refers to a person, organization,
// place or group: a name (Park Won-gon), a nominal (the ministry, a ministry
// official, analysts) or a pronoun (he, it, they).
type Mention struct {
	// Span is the mention as written: the name, the noun phrase or the
	// pronoun, without titles and appositives.
	Span
	// Text is Span's text.
	Text string `json:"text"`
	// Kind is what the mention refers to.
	Kind Kind `json:"kind"`
	// Source is the whole source phrase as written, with the titles and
	// appositives that describe the mention ("Kim Heung-kyu, a China expert
	// at Ajou University", "Chinese President Xi Jinping"). It equals Span
	// when there is nothing more.
	Source Span `json:"source"`
	// Role is the mention's job or title (China expert, President), from
	// this mention or, once clustered, from any mention of its entity.
	Role string `json:"role,omitempty"`
	// Affiliation is the organization or country the mention belongs to
	// (Ajou University, China), found the same way as Role.
	Affiliation string `json:"affiliation,omitempty"`
	// Pronoun marks he, she, it, they and their other forms.
	Pronoun bool `json:"pronoun,omitempty"`
	// Gender is the gender the mention agrees with, where known.
	Gender Gender `json:"gender,omitempty"`
	// Plural marks mentions of more than one (analysts, they).
	Plural bool `json:"plural,omitempty"`
	// Quoted marks mentions inside a quotation: they are the quoted
	// speaker's words and never antecedents for pronouns outside it.
	Quoted bool `json:"quoted,omitempty"`
	// Entity is the index in [Analysis.Entities] of the entity the mention
	// refers to, or -1 when it is not resolved.
	Entity int `json:"entity"`
	// Confidence is how sure the recognizer is of Kind, in [0, 1].
	Confidence float64 `json:"confidence"`
}

// Entity is one real-world person, organization, place or group, with every
// mention of it in the article.
type Entity struct {
	// Name is the canonical name: the fullest form used in the article.
	Name string `json:"name"`
	// Kind is the entity's kind.
	Kind Kind `json:"kind"`
	// Gender is the entity's gender, where known.
	Gender Gender `json:"gender,omitempty"`
	// Plural marks groups.
	Plural bool `json:"plural,omitempty"`
	// Role and Affiliation are the first found for any of its mentions.
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	// Mentions are indices into [Analysis.Mentions], in text order.
	Mentions []int `json:"mentions"`
}

// Analysis is what a [Recognizer] found in a [Document].
type Analysis struct {
	// Mentions are sorted by Start; they never overlap.
	Mentions []Mention `json:"mentions"`
	// Entities are the mention clusters.
	Entities []Entity `json:"entities"`
}

// MentionAt returns the index of the mention that holds offset, or -1.
func (a *Analysis) MentionAt(offset int) int {
	i := sort.Search(len(a.Mentions), func(k int) bool { return a.Mentions[k].End > offset })
	if i < len(a.Mentions) && a.Mentions[i].Start <= offset {
		return i
	}
	return -1
}

// MentionsIn returns the half-open index range [i, j) of the mentions that
// lie within s.
func (a *Analysis) MentionsIn(s Span) (i, j int) {
	i = sort.Search(len(a.Mentions), func(k int) bool { return a.Mentions[k].Start >= s.Start })
	j = sort.Search(len(a.Mentions), func(k int) bool { return a.Mentions[k].End > s.End })
	if j < i {
		j = i
	}
	return i, j
}
