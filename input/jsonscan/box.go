package jsonscan

import (
	"encoding/json"
	"unsafe"
)

// Putting a string or a json.Number into an interface copies its header to
// the heap: one allocation for every string and number of a body, a third
// of all a card's decode allocates. The parser boxes them from a slab of
// headers instead, allocated a chunk at a time. An interface value is a
// type word and a data word, and for these types the data word points to
// the string header; pointing it into the slab is what the runtime's own
// conversion does with a fresh allocation, and the slab stays alive as long
// as any value boxed in it.

// eface is the layout of an interface value of an empty method set.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

var (
	stringType = typeWord("")
	numberType = typeWord(json.Number(""))
)

func typeWord(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// slab hands out string headers for boxing.
type slab struct {
	free  []string
	chunk int
}

// newSlab sizes the chunks for an input of n bytes: about one value per 16
// bytes, between 8 and 256 headers a chunk.
func newSlab(n int) slab {
	return slab{chunk: min(max(n/16, 8), 256)}
}

// box returns s as an interface of the type whose type word is typ
// (stringType or numberType), with its header in the slab.
func (sl *slab) box(typ unsafe.Pointer, s string) any {
	if len(sl.free) == 0 {
		// A new chunk, never a grown one: headers handed out must not move.
		sl.free = make([]string, sl.chunk)
	}
	h := &sl.free[0]
	*h = s
	sl.free = sl.free[1:]
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, unsafe.Pointer(h)
	return v
}
