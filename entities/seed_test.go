package entities

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedGold is the part of the seed article's gold annotation this test
// reads.
type seedGold struct {
	Text   string `json:"text"`
	Quotes []struct {
		Start       int      `json:"start"`
		End         int      `json:"end"`
		Track       string   `json:"track"`
		Speaker     string   `json:"speaker"`
		Aliases     []string `json:"speaker_aliases"`
		SpeakerType string   `json:"speaker_type"`
		Role        string   `json:"role"`
		Affiliation string   `json:"affiliation"`
	} `json:"quotes"`
}

// loadSeed reads the shared seed article, skipping when ../shared is not
// there.
func loadSeed(t *testing.T) seedGold {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "seeds", "yonhap-2019-01-10.gold.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	var g seedGold
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(string(data), "\n", 2)[0]), &g))
	return g
}

// normName normalises a name the way the project's scorer does: lower
// case, no leading article, no possessive, no punctuation.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = regexp.MustCompile(`['\x{2019}]s\b`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`^(a|an|the)\s+`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`[^\w\s-]`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

// TestSeedArticle checks the entity clusters and the roles and
// affiliations of the speakers of the Yonhap seed article against its gold
// annotation.
func TestSeedArticle(t *testing.T) {
	g := loadSeed(t)
	doc, err := Parse(context.Background(), g.Text)
	require.NoError(t, err)
	var quoted []Span
	for _, q := range g.Quotes {
		if q.Track == "quoted" {
			quoted = append(quoted, Span{q.Start, q.End})
		}
	}
	rec, err := NewRecognizer()
	require.NoError(t, err)
	an, err := rec.Recognize(context.Background(), doc, quoted)
	require.NoError(t, err)
	checkInvariants(t, doc, an)

	entity := func(name string) (Entity, bool) {
		for _, e := range an.Entities {
			if e.Name == name {
				return e, true
			}
		}
		return Entity{}, false
	}
	texts := func(e Entity) map[string]int {
		out := map[string]int{}
		for _, m := range e.Mentions {
			out[an.Mentions[m].Text]++
		}
		return out
	}

	clusters := []struct {
		name, role, aff string
		kind            Kind
		must            []string
		mustNot         []string
	}{
		{"Kim Heung-kyu", "China expert", "Ajou University", Person, []string{"Kim Heung-kyu", "he"}, []string{"Kim", "Kim Jong-un"}},
		{"Kim Jong-un", "leader", "North Korea", Person, []string{"Kim Jong-un", "Kim"}, []string{"Kim Heung-kyu"}},
		{"Xi Jinping", "President", "China", Person, []string{"Xi Jinping", "Xi"}, nil},
		{"Park Won-gon", "professor of international relations", "Handong Global University", Person, []string{"Park Won-gon"}, nil},
		{"Donald Trump", "President", "United States", Person, []string{"Donald Trump", "Trump"}, nil},
		{"Xinhua News Agency", "", "China", Organization, []string{"Xinhua News Agency", "it"}, nil},
		{"Korean Central News Agency", "", "North Korea", Organization, []string{"Korean Central News Agency", "it"}, nil},
		{"a ministry official", "official", "Seoul's foreign ministry", Anonymous, []string{"a ministry official"}, nil},
	}
	for _, c := range clusters {
		t.Run(c.name, func(t *testing.T) {
			e, ok := entity(c.name)
			require.True(t, ok, "no entity %q", c.name)
			assert.Equal(t, c.kind, e.Kind)
			assert.Equal(t, c.role, e.Role)
			assert.Equal(t, c.aff, e.Affiliation)
			got := texts(e)
			for _, m := range c.must {
				assert.Contains(t, got, m, "%q should be a mention of %q", m, c.name)
			}
			for _, m := range c.mustNot {
				assert.NotContains(t, got, m, "%q should not be a mention of %q", m, c.name)
			}
		})
	}

	// One entity per person: no other entity takes a name of theirs.
	for _, e := range an.Entities {
		for _, full := range []string{"Kim Heung-kyu", "Kim Jong-un", "Xi Jinping", "Park Won-gon", "Donald Trump"} {
			if e.Name != full {
				assert.NotContains(t, texts(e), full, "entity %q holds %q", e.Name, full)
			}
		}
	}

	// Every bare "Kim" belongs to the leader; the "he added" after Kim
	// Heung-kyu's quotation is Kim Heung-kyu.
	for _, m := range an.Mentions {
		if m.Text == "Kim" {
			require.GreaterOrEqual(t, m.Entity, 0)
			assert.Equal(t, "Kim Jong-un", an.Entities[m.Entity].Name, "Kim at %d", m.Start)
		}
	}
	he := strings.Index(g.Text, "he added.\n\nKim has")
	require.Greater(t, he, 0)
	i := an.MentionAt(he)
	require.GreaterOrEqual(t, i, 0)
	require.GreaterOrEqual(t, an.Mentions[i].Entity, 0)
	assert.Equal(t, "Kim Heung-kyu", an.Entities[an.Mentions[i].Entity].Name)

	// The gold speakers with a role or an affiliation: the entity that has
	// the speaker's name carries them.
	for _, q := range g.Quotes {
		if q.Role == "" && q.Affiliation == "" {
			continue
		}
		var found *Entity
		for k := range an.Entities {
			n := normName(an.Entities[k].Name)
			for _, alias := range append([]string{q.Speaker}, q.Aliases...) {
				if n == normName(alias) && len(an.Entities[k].Mentions) > 0 {
					found = &an.Entities[k]
				}
			}
			if found != nil {
				break
			}
		}
		if !assert.NotNil(t, found, "no entity for speaker %q", q.Speaker) {
			continue
		}
		if q.Role != "" {
			assert.Contains(t, normName(found.Role), normName(q.Role), "role of %q", q.Speaker)
		}
		if q.Affiliation != "" {
			assert.Contains(t, normName(found.Affiliation), normName(q.Affiliation), "affiliation of %q", q.Speaker)
		}
	}
}
