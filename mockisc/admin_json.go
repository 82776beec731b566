package mockisc

import "github.com/mockisc/mockisc/internal/strictjson"

// DecodeState reads a tenant state document (the format of Snapshot, of
// the binary's -tenant and -state files and of the admin API) strictly:
// unknown members and values of the wrong type are errors that name their
// JSON path, as "accounts[3].disabled: want a boolean, got a string". It
// does not check references; Restore (or WithState) does, and names the
// path too.
func DecodeState(data []byte) (State, error) {
	var st State
	if err := strictjson.Decode(data, &st); err != nil {
		return State{}, err
	}
	return st, nil
}
