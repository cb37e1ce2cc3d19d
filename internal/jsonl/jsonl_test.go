package jsonl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type row struct {
	ID int `json:"id"`
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	for _, tc := range []struct {
		name, content string
		limit         int
		want          []int
		err           string
	}{
		{"three lines, blank ones skipped", "{\"id\":1}\n\n{\"id\":2}\n  \n{\"id\":3}\n", 0, []int{1, 2, 3}, ""},
		{"no final newline", "{\"id\":1}\n{\"id\":2}", 0, []int{1, 2}, ""},
		{"limit", "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", 2, []int{1, 2}, ""},
		{"empty", "", 0, nil, ""},
		{"bad line named", "{\"id\":1}\n{oops\n", 0, nil, "bad line named.jsonl:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadFile[row](write(tc.name+".jsonl", tc.content), tc.limit)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			var ids []int
			for _, r := range got {
				ids = append(ids, r.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}
	_, err := ReadFile[row](filepath.Join(dir, "missing.jsonl"), 0)
	assert.Error(t, err)
}
