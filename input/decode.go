package input

import "github.com/aptly-doctor/aptly-doctor/input/jsonscan"

// MaxDepth is how deep a payload may nest before the doctor refuses it.
// Card payloads are flat; anything near this is a mistake or an attack.
const MaxDepth = 256

// Decode parses the body once, filling Decoded, Value, Syntax and Dups.
// It is idempotent.
func (b *Body) Decode() {
	if b.Decoded || b.Syntax != nil {
		return
	}
	r := jsonscan.Parse(b.Raw, MaxDepth)
	b.Dups = b.Dups[:0]
	for _, d := range r.Dups {
		b.Dups = append(b.Dups, Dup{Key: d.Key, Pointer: d.Pointer, FirstOffset: d.FirstOffset, Offset: d.Offset})
	}
	if !r.OK {
		b.Syntax = &SyntaxError{Offset: r.Err.Offset, Culprit: r.Err.Culprit, Message: r.Err.Message, Fix: r.Err.Fix}
		return
	}
	b.Decoded = true
	b.Value = r.Value
}
