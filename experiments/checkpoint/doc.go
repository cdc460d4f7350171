// Package checkpoint stores a Go value in a self-checking file: a magic
// line, a format version, the gob encoding of the value and the SHA-256 of
// everything before it. Files are written to a temporary name and renamed,
// so a crash never leaves half a checkpoint behind, and a damaged or
// foreign file is reported as such instead of being half-read.
package checkpoint
