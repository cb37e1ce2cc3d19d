package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun builds classes from a small vector file: words near each other
// share a class, the output is the same on every run, and words that are
// not lower-case letters are left out.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "vectors.json")
	require.NoError(t, os.WriteFile(in, []byte(`{"dimensions": 2,
		"words": ["said", "told", "Paris", "monday", "tuesday", "1990", "wrote"],
		"vectors": {"said": [1, 0.1], "told": [1, 0.15], "Paris": [0.5, 0.5], "monday": [0, 1], "tuesday": [0.05, 1], "1990": [1, 1], "wrote": [1, 0.12]}}`), 0o644))
	read := func(path string) map[string][]string {
		f, err := os.Open(path)
		require.NoError(t, err)
		defer f.Close()
		zr, err := gzip.NewReader(f)
		require.NoError(t, err)
		b, err := io.ReadAll(zr)
		require.NoError(t, err)
		out := map[string][]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			f := strings.Split(line, "\t")
			require.Len(t, f, 3, line)
			out[f[0]] = f[1:]
		}
		return out
	}
	var outs []map[string][]string
	for i := 0; i < 2; i++ {
		out := filepath.Join(dir, "classes.txt.gz")
		var stdout, stderr bytes.Buffer
		code := run([]string{"-vectors", in, "-out", out, "-coarse", "2", "-fine", "2"}, &stdout, &stderr)
		require.Equal(t, 0, code, stderr.String())
		outs = append(outs, read(out))
	}
	got := outs[0]
	assert.Equal(t, outs[0], outs[1], "the same classes on every run")
	assert.Len(t, got, 5, "Paris and 1990 are not lower-case words")
	assert.Equal(t, got["said"], got["told"])
	assert.Equal(t, got["said"], got["wrote"])
	assert.Equal(t, got["monday"], got["tuesday"])
	assert.NotEqual(t, got["said"][1], got["monday"][1])
}

// TestRunUsage checks that bad arguments give a usage error, not a panic.
func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"-vectors", "x.json", "extra"}, {"-vectors", "x.json", "-fine", "1"}} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run(args, &stdout, &stderr), "%v", args)
	}
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"-vectors", filepath.Join(t.TempDir(), "none.json"), "-words", "10", "-fine", "4"}, &stdout, &stderr))
}

// TestRunTooFewWords checks that asking for more classes than there are
// words is an error.
func TestRunTooFewWords(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "vectors.json")
	require.NoError(t, os.WriteFile(in, []byte(`{"dimensions": 2, "words": ["said"], "vectors": {"said": [1, 0]}}`), 0o644))
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"-vectors", in, "-out", filepath.Join(dir, "c.gz"), "-coarse", "2", "-fine", "2"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "fewer than the classes")
}
