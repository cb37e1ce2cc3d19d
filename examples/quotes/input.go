package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// doc is one article to process: a line of JSON Lines or a text file.
type doc struct {
	// id is the JSON value of the record's id: the input's "id" field, or
	// the file name as a string.
	id json.RawMessage
	// at names the input in messages: "line N" or the file name.
	at string
	// text is the article.
	text string
	// err says why the input could not be read; text is then empty and the
	// record is written with this error.
	err string
	// html is set when text is an HTML page rather than the article itself.
	html bool
	// noID is set for a JSON Lines record with no "id" or a null one.
	noID bool
}

// emitFunc hands a doc to the pipeline; it returns false when the run is
// stopping.
type emitFunc func(doc) bool

// readJSONL emits one doc per non-blank line of r. A line that is not a
// JSON object, or has no "text", gives a doc with an error "line N: ...",
// prefixed with where when it is not empty. Only a read error stops it.
func readJSONL(r io.Reader, where string, emit emitFunc) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !emit(parseLine(line, fmt.Sprintf("%sline %d", where, n))) {
			return nil
		}
	}
}

// parseLine decodes one JSON Lines record; at names the line in errors.
func parseLine(line, at string) doc {
	var in struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
	}
	if err := json.Unmarshal([]byte(line), &in); err != nil {
		return doc{id: jsonNull, at: at, err: fmt.Sprintf("%s: %v", at, err)}
	}
	d := doc{id: in.ID, at: at}
	if len(d.id) == 0 || string(d.id) == "null" {
		d.id, d.noID = jsonNull, true
	}
	if in.Text == nil {
		d.err = at + `: no "text" field`
		return d
	}
	d.text = *in.Text
	return d
}

var jsonNull = json.RawMessage("null")

// htmlExts are the file name extensions of HTML pages.
var htmlExts = []string{".html", ".htm"}

// isHTMLFile reports whether path names an HTML page by its extension.
func isHTMLFile(path string) bool { return hasExt(path, htmlExts) }

// readTextFiles emits one doc per article file named in paths, walking
// directories for files ending in one of exts; "-" is stdin. A file is an
// HTML page when allHTML is set or its name ends in .html or .htm (stdin
// only when allHTML is set). A file that cannot be read gives a doc with
// the error.
func readTextFiles(paths, exts []string, allHTML bool, stdin io.Reader, emit emitFunc) error {
	return walkInputs(paths, exts, func(path string, err error) bool {
		id, _ := json.Marshal(path)
		if err != nil {
			return emit(doc{id: id, at: path, err: err.Error()})
		}
		var data []byte
		if path == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(path)
		}
		if err != nil {
			return emit(doc{id: id, at: path, err: err.Error()})
		}
		isHTML := allHTML || path != "-" && isHTMLFile(path)
		return emit(doc{id: id, at: path, text: string(data), html: isHTML})
	})
}

// readJSONLFiles emits the records of the JSON Lines files named in paths,
// walking directories for files ending in one of exts; "-" is stdin. A file
// that cannot be opened gives a doc with the error.
func readJSONLFiles(paths, exts []string, stdin io.Reader, emit emitFunc) error {
	var readErr error
	stopped := false
	emitRecord := func(d doc) bool {
		stopped = !emit(d)
		return !stopped
	}
	err := walkInputs(paths, exts, func(path string, err error) bool {
		if path == "-" {
			readErr = readJSONL(stdin, "", emitRecord)
			return readErr == nil && !stopped
		}
		if err != nil {
			id, _ := json.Marshal(path)
			return emit(doc{id: id, at: path, err: err.Error()})
		}
		f, err := os.Open(path)
		if err != nil {
			id, _ := json.Marshal(path)
			return emit(doc{id: id, at: path, err: err.Error()})
		}
		defer f.Close()
		readErr = readJSONL(f, path+": ", emitRecord)
		return readErr == nil && !stopped
	})
	if readErr != nil {
		return readErr
	}
	return err
}

// walkInputs calls visit for each input: "-" as is, each file named, and
// each regular file under a named directory whose name ends in one of exts
// (in any case), in lexical order. A path that cannot be read is visited with its error.
// It stops when visit returns false.
func walkInputs(paths, exts []string, visit func(path string, err error) bool) error {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if p == "-" {
			if !visit(p, nil) {
				return nil
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			if !visit(p, err) {
				return nil
			}
			continue
		}
		stopped := errors.New("stopped")
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if !visit(path, err) {
					return stopped
				}
				return nil
			}
			if !d.Type().IsRegular() || !hasExt(path, exts) {
				return nil
			}
			if !visit(path, nil) {
				return stopped
			}
			return nil
		})
		if errors.Is(err, stopped) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// hasExt reports whether path ends in one of exts, in any case.
func hasExt(path string, exts []string) bool {
	ext := filepath.Ext(path)
	for _, e := range exts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}
