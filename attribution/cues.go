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
}

// cueLexicon maps every lower-case form of a cue verb to its lemma and
// class. A form listed as speech is never overridden by a belief entry.
var cueLexicon = sync.OnceValue(func() map[string]cueWord {
	lex := make(map[string]cueWord, 1200)
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
		if f[0] == "belief" {
			class = Belief
		}
		lemma := f[1]
		forms := f[2:]
		if len(forms) == 0 {
			forms = inflect(lemma)
		}
		forms = append(forms, lemma)
		for _, form := range forms {
			if old, ok := lex[form]; ok && old.Class == Speech {
				continue
			}
			lex[form] = cueWord{Lemma: lemma, Class: class}
		}
	}
	return lex
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

// lookupCue returns the cue verb that word is a form of.
func lookupCue(word string) (cueWord, bool) {
	w, ok := cueLexicon()[strings.ToLower(word)]
	return w, ok
}
