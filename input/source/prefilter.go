package source

// Mentions reports whether data mentions Aptly: a getaptly.com host, an
// /api/aptlet/ or /api/board/ path, or an x-token name (any case). It is
// the one scan every source file costs; a file without a mention is never
// tokenized.
func Mentions(data []byte) bool {
	// Every marker holds a '/' or a '-' next to a letter of "aptly"/"token";
	// scanning for the rarer bytes first and checking around them keeps the
	// loop tight on code that never mentions Aptly.
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '.':
			if hasFold(data[i+1:], "getaptly.com") || i >= 8 && hasFold(data[i-8:], "getaptly.com") {
				return true
			}
		case '/':
			if hasFold(data[i:], "/api/aptlet/") || hasFold(data[i:], "/api/board/") {
				return true
			}
		case '-', '_':
			if i >= 1 && (data[i-1]|0x20) == 'x' && hasFold(data[i+1:], "token") {
				return true
			}
		}
	}
	return false
}

// hasFold reports whether b starts with the lowercase ASCII word w, in any
// case.
func hasFold(b []byte, w string) bool {
	if len(b) < len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}
