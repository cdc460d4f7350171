package checkpoint

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"os"

	"github.com/pkg/errors"

	"github.com/pinngo/pinn/experiments/internal/atomicfile"
)

// Version is the file format version this package writes and reads.
const Version = 1

// magic opens every checkpoint file.
const magic = "pinn checkpoint\n"

// headerSize is the length of the magic line and the version.
const headerSize = len(magic) + 4

// CorruptError reports a file that is not a usable checkpoint: damaged,
// foreign, or written by another format version.
type CorruptError struct {
	Path, Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("checkpoint %s is unusable: %s", e.Path, e.Reason)
}

// Save writes v, which must be gob-encodable, to path atomically.
func Save(path string, v any) error {
	var b bytes.Buffer
	b.WriteString(magic)
	binary.Write(&b, binary.BigEndian, uint32(Version)) // a bytes.Buffer never fails
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return errors.Wrapf(err, "checkpoint: encoding %s", path)
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	return atomicfile.Write(path, b.Bytes(), 0o644)
}

// Load reads a file written by Save into v. A file that is not a
// checkpoint, is truncated, fails its checksum or has another format
// version gives a *CorruptError.
func Load(path string, v any) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return errors.Wrap(err, "checkpoint")
	}
	corrupt := func(format string, args ...any) error {
		return &CorruptError{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	if len(raw) < headerSize+sha256.Size || string(raw[:len(magic)]) != magic {
		return corrupt("not a pinn checkpoint")
	}
	body, sum := raw[:len(raw)-sha256.Size], raw[len(raw)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return corrupt("checksum mismatch (truncated or modified)")
	}
	if ver := binary.BigEndian.Uint32(raw[len(magic):headerSize]); ver != Version {
		return corrupt("format version %d, this build reads version %d", ver, Version)
	}
	if err := gob.NewDecoder(bytes.NewReader(body[headerSize:])).Decode(v); err != nil {
		return corrupt("decoding: %v", err)
	}
	return nil
}
