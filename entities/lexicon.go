package entities

import (
	_ "embed"
	"strings"
	"sync"
)

// The word lists the recognizer ships with. Each file's header says where
// its content comes from and how it is laid out.
var (
	//go:embed data/people.txt
	peopleData string
	//go:embed data/heads.txt
	headsData string
	//go:embed data/countries.txt
	countriesData string
	//go:embed data/states.txt
	statesData string
	//go:embed data/parties.txt
	partiesData string
	//go:embed data/firstnames.txt
	firstNamesData string
	//go:embed data/notnames.txt
	notNamesData string
	//go:embed data/regions.txt
	regionsData string
)

// personNoun is a noun for people from people.txt.
type personNoun struct {
	// Singular is the lower-case singular, the name of the role.
	Singular string
	// Plural reports whether the entry was found by its plural form.
	Plural bool
	// Words is the number of words of the form that was matched.
	Words     int
	Title     bool
	Group     bool
	Anon      bool
	Topic     bool
	National  bool
	Honorific bool
	Gender    Gender
	// Full is the title written out for an abbreviation (Senator for Sen.).
	Full string
}

// headClass is what a head word ends: an organization, a place or neither.
type headClass int

const (
	headOrg headClass = iota + 1
	headPlace
	headOther
)

// headWord is a head word from heads.txt.
type headWord struct {
	Class   headClass
	Nominal bool
}

// lexicon holds every word list, keyed by lower-case text. It is built once
// and never written again.
type lexicon struct {
	// people maps singular and plural forms, several words joined by one
	// space, and abbreviations to their entries.
	people      map[string]personNoun
	peopleWords int
	// peopleLast holds the last words of entries of several words, the
	// only words where a longer match is worth trying.
	peopleLast map[string]bool
	heads      map[string]headWord
	// places maps country names, other names, capitals and states to the
	// canonical place name.
	places     map[string]string
	placeWords int
	// capitals maps a capital to its country.
	capitals map[string]string
	// adjectives maps nationality adjectives (and the plurals made from
	// them) to the country.
	adjectives     map[string]string
	adjectiveWords int
	// states maps state abbreviations (Mass., MA) to the state.
	states map[string]string
	// parties maps party words (Democratic, GOP, D) to the party.
	parties    map[string]string
	firstNames map[string]Gender
	notNames   map[string]bool
}

// loadLexicon parses the embedded lists once per process.
var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{
		people:     make(map[string]personNoun, 400),
		peopleLast: make(map[string]bool, 64),
		heads:      make(map[string]headWord, 200),
		places:     make(map[string]string, 600),
		capitals:   make(map[string]string, 200),
		adjectives: make(map[string]string, 400),
		states:     make(map[string]string, 120),
		parties:    make(map[string]string, 40),
		firstNames: make(map[string]Gender, 700),
		notNames:   make(map[string]bool, 100),
	}
	lx.parsePeople()
	lx.parseHeads()
	lx.parseCountries()
	lx.parseStates()
	lx.parseParties()
	for _, line := range dataLines(regionsData) {
		lx.addPlace(line, line)
	}
	for _, line := range dataLines(firstNamesData) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		g := Male
		if f[0] == "f" {
			g = Female
		}
		for _, n := range f[1:] {
			lx.firstNames[strings.ToLower(n)] = g
		}
	}
	for _, line := range dataLines(notNamesData) {
		lx.notNames[strings.ToLower(line)] = true
	}
	return lx
})

// dataLines returns the non-blank, non-comment lines of a data file.
func dataLines(data string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// fields splits a line at "|" and trims every field.
func fields(line string) []string {
	f := strings.Split(line, "|")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// list splits a comma-separated field.
func list(field string) []string {
	var out []string
	for _, s := range strings.Split(field, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func wordCount(s string) int { return len(strings.Fields(s)) }

func (lx *lexicon) parsePeople() {
	for _, line := range dataLines(peopleData) {
		f := fields(line)
		if len(f) < 3 {
			continue
		}
		e := personNoun{Singular: strings.ToLower(f[0])}
		var abbrs []string
		for _, flag := range strings.Fields(f[2]) {
			switch {
			case flag == "title":
				e.Title = true
			case flag == "group":
				e.Group = true
			case flag == "anon":
				e.Anon = true
			case flag == "topic":
				e.Topic = true
			case flag == "national":
				e.National = true
			case flag == "honorific":
				e.Honorific = true
			case flag == "male":
				e.Gender = Male
			case flag == "female":
				e.Gender = Female
			case strings.HasPrefix(flag, "abbr="):
				abbrs = append(abbrs, list(strings.TrimPrefix(flag, "abbr="))...)
			}
		}
		// "abbr=Lt. Gov." holds a space: the flag parser splits it, so
		// the abbreviation is read from the raw field.
		if i := strings.Index(f[2], "abbr="); i >= 0 {
			abbrs = list(f[2][i+len("abbr="):])
		}
		lx.addPerson(e.Singular, e)
		if f[1] != "" {
			p := e
			p.Plural = true
			lx.addPerson(strings.ToLower(f[1]), p)
		}
		for _, a := range abbrs {
			ab := e
			ab.Full = titleCase(e.Singular)
			lx.addPerson(strings.ToLower(a), ab)
		}
	}
}

func (lx *lexicon) addPerson(key string, e personNoun) {
	e.Words = wordCount(key)
	if old, ok := lx.people[key]; ok && old.Plural == e.Plural {
		return
	}
	lx.people[key] = e
	if e.Words > 1 {
		lx.peopleLast[key[strings.LastIndexByte(key, ' ')+1:]] = true
	}
	if e.Words > lx.peopleWords {
		lx.peopleWords = e.Words
	}
}

func (lx *lexicon) parseHeads() {
	for _, line := range dataLines(headsData) {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		h := headWord{Nominal: len(f) > 2 && f[2] == "nominal"}
		switch f[1] {
		case "org":
			h.Class = headOrg
		case "place":
			h.Class = headPlace
		default:
			h.Class = headOther
		}
		lx.heads[strings.ToLower(f[0])] = h
	}
}

func (lx *lexicon) parseCountries() {
	for _, line := range dataLines(countriesData) {
		f := fields(line)
		if len(f) < 3 || f[0] == "" {
			continue
		}
		country := f[0]
		lx.addPlace(country, country)
		for _, a := range list(f[1]) {
			lx.addAdjective(a, country)
		}
		for _, c := range list(f[2]) {
			lx.addPlace(c, c)
			if strings.ToLower(c) != strings.ToLower(country) {
				lx.capitals[strings.ToLower(c)] = country
			}
		}
		if len(f) > 3 {
			for _, o := range list(f[3]) {
				lx.addPlace(o, country)
			}
		}
	}
}

func (lx *lexicon) addPlace(name, canonical string) {
	key := strings.ToLower(name)
	if _, ok := lx.places[key]; ok {
		return
	}
	lx.places[key] = canonical
	if n := wordCount(key); n > lx.placeWords {
		lx.placeWords = n
	}
}

func (lx *lexicon) addAdjective(adj, country string) {
	key := strings.ToLower(adj)
	if _, ok := lx.adjectives[key]; !ok {
		lx.adjectives[key] = country
	}
	if n := wordCount(key); n > lx.adjectiveWords {
		lx.adjectiveWords = n
	}
	if strings.HasSuffix(key, "an") {
		if _, ok := lx.adjectives[key+"s"]; !ok {
			lx.adjectives[key+"s"] = country
		}
	}
}

func (lx *lexicon) parseStates() {
	for _, line := range dataLines(statesData) {
		f := fields(line)
		if len(f) < 2 || f[0] == "" {
			continue
		}
		lx.addPlace(f[0], f[0])
		lx.states[strings.ToLower(f[0])] = f[0]
		for _, a := range list(f[1]) {
			lx.states[strings.ToLower(a)] = f[0]
		}
	}
}

func (lx *lexicon) parseParties() {
	for _, line := range dataLines(partiesData) {
		f := fields(line)
		if len(f) < 2 || f[0] == "" {
			continue
		}
		lx.parties[strings.ToLower(f[0])] = f[0]
		for _, w := range list(f[1]) {
			lx.parties[strings.ToLower(w)] = f[0]
		}
	}
}

// titleCase upper-cases the first letter of every word.
func titleCase(s string) string {
	b := []byte(s)
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == ' ' || c == '-'
	}
	return string(b)
}
