package curl

// word is one argument of a command after the shell's quoting is undone.
// Every byte of val remembers the source offset it came from, so a header
// name, a body or a URL can be located even when it sits inside quotes,
// escapes or a continuation.
type word struct {
	val   []byte
	offs  []int // source offset of each byte of val
	start int   // source offset where the word begins, quote included
	vars  []wordVar
	sep   bool // a command separator (newline, &&, |, ;), not an argument
}

// wordVar is a variable or substitution that could not be expanded.
type wordVar struct {
	name string // as written
	off  int    // source offset of its first byte
	idx  int    // index in val where its text starts
}

func (w *word) add(b byte, off int) {
	w.val = append(w.val, b)
	w.offs = append(w.offs, off)
}

func (w *word) addString(s string, off int) {
	for i := 0; i < len(s); i++ {
		w.add(s[i], off)
	}
}

// first is the source offset of the word's first content byte, the place
// a finding about its value should point at.
func (w *word) first() int {
	if len(w.offs) > 0 {
		return w.offs[0]
	}
	return w.start
}

// from returns the part of w from byte k on, as for the value glued to an
// option ("-XPOST", "--data=...").
func (w *word) from(k int) *word {
	if k > len(w.val) {
		k = len(w.val)
	}
	n := &word{val: w.val[k:], offs: w.offs[k:], start: w.start}
	if len(n.offs) > 0 {
		n.start = n.offs[0]
	}
	for _, v := range w.vars {
		if v.idx >= k {
			v.idx -= k
			n.vars = append(n.vars, v)
		}
	}
	return n
}

// crtQuotes undoes the Microsoft C runtime's backslash-quote escape (\" for
// a literal quote), which curl.exe applies to the arguments PowerShell 5
// hands it unchanged. Bare quotes are kept: newer PowerShell passes them
// through, and guessing otherwise would corrupt a valid JSON body.
func crtQuotes(w *word) {
	out := word{start: w.start, vars: w.vars, sep: w.sep}
	for i := 0; i < len(w.val); i++ {
		if w.val[i] == '\\' {
			j := i
			for j < len(w.val) && w.val[j] == '\\' {
				j++
			}
			n := j - i
			if j < len(w.val) && w.val[j] == '"' && n%2 == 1 {
				for k := 0; k < n/2; k++ {
					out.add('\\', w.offs[i+2*k])
				}
				out.add('"', w.offs[j])
				i = j
				continue
			}
			for k := i; k < j; k++ {
				out.add('\\', w.offs[k])
			}
			i = j - 1
			continue
		}
		out.add(w.val[i], w.offs[i])
	}
	*w = out
}
