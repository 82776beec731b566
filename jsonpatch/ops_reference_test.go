package jsonpatch

import "fmt"

// applyOwn applies op to doc and returns the new document. copied counts the
// bytes added by copy operations so far.
func applyOwn(doc []byte, op Operation, copied *int64) ([]byte, error) {
	switch op.Op {
	case "add":
		return addValue(doc, tokens(op.Path), trimValue(op.Value))
	case "remove":
		if op.Path == "" {
			return nil, ErrCannotRemoveRoot
		}
		return removeValue(doc, tokens(op.Path))
	case "replace":
		toks := tokens(op.Path)
		if len(toks) == 0 {
			return append([]byte(nil), trimValue(op.Value)...), nil
		}
		s, e, err := resolve(doc, 0, toks)
		if err != nil {
			return nil, err
		}
		return splice(doc, s, e, trimValue(op.Value)), nil
	case "move":
		from := tokens(op.From)
		s, e, err := resolve(doc, 0, from)
		if err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
		if op.From == op.Path {
			return doc, nil
		}
		if len(from) == 0 {
			return nil, ErrCannotRemoveRoot
		}
		val := append([]byte(nil), doc[s:e]...)
		doc, err = removeValue(doc, from)
		if err != nil {
			return nil, err
		}
		return addValue(doc, tokens(op.Path), val)
	case "copy":
		s, e, err := resolve(doc, 0, tokens(op.From))
		if err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
		*copied += int64(e - s)
		if *copied > MaxCopyBytes {
			return nil, ErrCopyTooLarge
		}
		val := append([]byte(nil), doc[s:e]...)
		return addValue(doc, tokens(op.Path), val)
	case "test":
		s, e, err := resolve(doc, 0, tokens(op.Path))
		if err != nil {
			return nil, fmt.Errorf("%w: path does not exist (%v)", ErrTestFailed, err)
		}
		eq, err := jsonEqual(doc[s:e], op.Value)
		if err != nil {
			return nil, err
		}
		if !eq {
			return nil, ErrTestFailed
		}
		return doc, nil
	}
	return nil, fmt.Errorf("unknown op %q: %w", op.Op, ErrInvalidPatch)
}
