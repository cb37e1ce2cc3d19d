package attribution

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/cues.txt
var cuesData string

// cueWord is one inflected form of a cue verb.
type cueWord struct {
	Lemma string
	Class CueClass
	// Noun marks nouns that report speech or belief before a "that"
	// clause (statement, claim, expectation).
	Noun bool
	// Object marks verbs of public stance (endorse, criticize, accuse,
	// defend) whose object is what is reported when no clause follows:
	// "Warren endorsed Clinton", "Bush criticized Rubio for his vote".
	Object bool
}

// cueLexicon maps every lower-case form of a cue verb to its lemma and
// class. A form listed as speech is never overridden by a belief entry.
var cueLexicon = sync.OnceValue(func() map[string]cueWord { return loadCues().verbs })

// cueNouns maps the singular and plural of every cue noun to its lemma and
// class.
var cueNouns = sync.OnceValue(func() map[string]cueWord { return loadCues().nouns })

type cueTables struct{ verbs, nouns map[string]cueWord }

var loadCues = sync.OnceValue(func() cueTables {
	lex := make(map[string]cueWord, 1200)
	nouns := make(map[string]cueWord, 120)
	for _, line := range strings.Split(cuesData, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		class := Speech
		if strings.HasPrefix(f[0], "belief") {
			class = Belief
		}
		noun := strings.HasSuffix(f[0], "-noun")
		object := f[0] == "stance"
		lemma := f[1]
		forms := f[2:]
		switch {
		case noun:
			forms = []string{plural(lemma)}
		case len(forms) == 0:
			forms = inflect(lemma)
		}
		forms = append(forms, lemma)
		target := lex
		if noun {
			target = nouns
		}
		for _, form := range forms {
			if old, ok := target[form]; ok && old.Class == Speech {
				continue
			}
			target[form] = cueWord{Lemma: lemma, Class: class, Noun: noun, Object: object}
		}
	}
	return cueTables{lex, nouns}
})

// inflect returns the regular -s, -ed and -ing forms of a verb.
func inflect(v string) []string {
	var s, ed, ing string
	switch {
	case strings.HasSuffix(v, "e"):
		s, ed, ing = v+"s", v+"d", v[:len(v)-1]+"ing"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		s, ed, ing = v[:len(v)-1]+"ies", v[:len(v)-1]+"ied", v+"ing"
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z"):
		s, ed, ing = v+"es", v+"ed", v+"ing"
	default:
		s, ed, ing = v+"s", v+"ed", v+"ing"
	}
	return []string{s, ed, ing}
}

// plural returns the regular plural of a noun.
func plural(n string) string {
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "sh") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "x"):
		return n + "es"
	case strings.HasSuffix(n, "y") && len(n) > 1 && !strings.ContainsRune("aeiou", rune(n[len(n)-2])):
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}

// lookupCueNoun returns the cue noun that word is a form of.
func lookupCueNoun(word string) (cueWord, bool) {
	w, ok := cueNouns()[strings.ToLower(word)]
	return w, ok
}

// lookupCue returns the cue verb that word is a form of.
func lookupCue(word string) (cueWord, bool) {
	w, ok := cueLexicon()[strings.ToLower(word)]
	return w, ok
}
