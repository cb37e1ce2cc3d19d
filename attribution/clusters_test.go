package attribution

import (
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWordClasses checks the embedded word classes: they load, cover the
// common vocabulary, and put words used alike in one class.
func TestWordClasses(t *testing.T) {
	classes, err := wordClasses()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(classes), 30000)
	for _, w := range []string{"said", "lamented", "because", "economy"} {
		assert.Contains(t, classes, w)
	}
	alike := [][2]string{{"lamented", "decried"}, {"promised", "pledged"}, {"monday", "tuesday"}}
	for _, p := range alike {
		assert.Equal(t, classes[p[0]].fine, classes[p[1]].fine, "%s and %s", p[0], p[1])
	}
	assert.NotEqual(t, classes["lamented"].fine, classes["tuesday"].fine)
}

// TestReadWordClassesErrors checks that a damaged class file is an error,
// not a panic or a partial table.
func TestReadWordClassesErrors(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, err := zw.Write([]byte(s))
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		return b.Bytes()
	}
	cases := []struct {
		data []byte
		ok   bool
		why  string
	}{
		{gz("said\t1\t2\nwrote\t1\t3\n"), true, "well formed"},
		{gz(""), true, "empty"},
		{gz("said\t1\n"), false, "a missing class"},
		{gz("said\tx\t2\n"), false, "a class that is not a number"},
		{gz("\t1\t2\n"), false, "no word"},
		{[]byte("not gzip"), false, "not gzip"},
		{gz("said\t1\t2\n")[:20], false, "cut short"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			m, err := readWordClasses(c.data)
			if c.ok {
				require.NoError(t, err)
				assert.NotNil(t, m)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

// TestClassCue checks which words outside the cue list the speech classes
// admit: verbs used like urge and advise, not verbs used like raid.
func TestClassCue(t *testing.T) {
	for _, c := range []struct {
		word string
		ok   bool
	}{
		{"exhorted", true}, {"reacted", true}, {"Exhorted", true},
		{"raided", false}, {"bombed", false}, {"tuesday", false}, {"xyzzy", false},
	} {
		_, ok := classCue(c.word)
		assert.Equal(t, c.ok, ok, c.word)
	}
}
