package mockisc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The file of POST /sources/{id}/load-accounts is RFC 4180 CSV: a header
// row naming the attributes, then one row per account. Quoted fields may
// hold commas, quotes ("") and line breaks; lines end in LF or CRLF; a
// UTF-8 byte order mark is skipped; blank lines are ignored. Every error
// names the row (the header is row 1) and the line it starts on, and the
// column where one is at fault.

// csvRow is one account of a load-accounts file.
type csvRow struct {
	row, line int    // the row's number (the header is row 1) and its first line
	native    string // the native identity, from the source's native identity attribute
	name      string // the name, from the source's name attribute
	attrs     map[string]any
}

// utf8BOM is the byte order mark some tools write first.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// errEmptyFile is a file without a single account.
var errEmptyFile = errors.New("the file holds no accounts")

// parseAccountsCSV reads a load-accounts file for src: its header, then
// its rows, each with a native identity of its own. An empty cell leaves
// the attribute out. It refuses a file without accounts (errEmptyFile,
// wrapped) and any file it cannot read whole.
func parseAccountsCSV(data []byte, src *Source) ([]csvRow, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: it is empty", errEmptyFile)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // ragged rows are reported below, with their columns
	r.ReuseRecord = true   // each row's fields are copied into its attributes
	header, err := r.Read()
	if err != nil {
		return nil, csvParseError(1, err)
	}
	cols, err := csvHeader(header)
	if err != nil {
		return nil, err
	}
	nativeCol := -1
	for i, c := range cols {
		if c == nativeAttr(src) {
			nativeCol = i
		}
	}
	if nativeCol < 0 {
		return nil, fmt.Errorf("row 1 (the header): no column is named %q, the attribute source %q takes native identities from "+
			"(the first row must be a header naming the columns; it names %s)", nativeAttr(src), src.Name, quoteAll(cols))
	}
	var rows []csvRow
	seen := map[string]int{} // native identity → index in rows
	for n := 2; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvParseError(n, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(cols) {
			return nil, raggedRow(n, line, len(rec), cols)
		}
		native := rec[nativeCol]
		if native == "" {
			return nil, fmt.Errorf("row %d (line %d), column %d %q: empty, but source %q takes the native identity from it",
				n, line, nativeCol+1, cols[nativeCol], src.Name)
		}
		if i, dup := seen[native]; dup {
			return nil, fmt.Errorf("rows %d (line %d) and %d (line %d), column %d %q: both have the native identity %q",
				rows[i].row, rows[i].line, n, line, nativeCol+1, cols[nativeCol], native)
		}
		attrs := make(map[string]any, len(cols))
		for i, v := range rec {
			if v != "" {
				attrs[cols[i]] = v
			}
		}
		seen[native] = len(rows)
		rows = append(rows, csvRow{row: n, line: line, native: native, name: accountName(src, attrs, native), attrs: attrs})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: it has a header (row 1) but no rows", errEmptyFile)
	}
	return rows, nil
}

// csvHeader checks the header row: every column has a name, and no two
// the same one. Names are trimmed of surrounding spaces.
func csvHeader(header []string) ([]string, error) {
	cols := make([]string, len(header))
	at := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, fmt.Errorf("row 1 (the header), column %d: has no name; every column names an attribute", i+1)
		}
		if j, dup := at[h]; dup {
			return nil, fmt.Errorf("row 1 (the header), columns %d and %d: both are named %q", j+1, i+1, h)
		}
		at[h] = i
		cols[i] = h
	}
	return cols, nil
}

// csvParseError names the row, line and column of a CSV syntax error.
func csvParseError(row int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("row %d (line %d), column %d: %v", row, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("row %d: %v", row, err)
}

// raggedRow describes a row with more or fewer fields than the header
// has columns, naming the first column at fault.
func raggedRow(row, line, fields int, cols []string) error {
	if fields < len(cols) {
		return fmt.Errorf("row %d (line %d), column %d %q: missing; the row has %s, the header (row 1) names %s",
			row, line, fields+1, cols[fields], count(fields, "field"), count(len(cols), "column"))
	}
	return fmt.Errorf("row %d (line %d), column %d: no such column; the row has %s, the header (row 1) names %s",
		row, line, len(cols)+1, count(fields, "field"), count(len(cols), "column"))
}

// count is n and the noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// quoteAll lists names quoted, for messages.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
