package gitignore

// wildmatch matches name against a gitignore glob the way git's wildmatch
// does with WM_PATHNAME: "*", "?" and classes never match "/", "**" between
// slashes (or at either end) matches any number of folders, a backslash
// makes the next character literal.
func wildmatch(p, s string) bool {
	for len(p) > 0 {
		switch c := p[0]; c {
		case '*':
			if len(p) > 1 && p[1] == '*' {
				// "**" is special only as a whole segment.
				rest := p[2:]
				for len(rest) > 0 && rest[0] == '*' {
					rest = rest[1:]
				}
				if len(rest) == 0 {
					return true
				}
				if rest[0] == '/' {
					// "**/": zero or more leading folders.
					rest = rest[1:]
					for i := 0; ; {
						if wildmatch(rest, s[i:]) {
							return true
						}
						j := indexSlash(s[i:])
						if j < 0 {
							return false
						}
						i += j + 1
					}
				}
				p = p[1:] // "**x" is "*x"
				continue
			}
			rest := p[1:]
			for i := 0; i <= len(s); i++ {
				if wildmatch(rest, s[i:]) {
					return true
				}
				if i < len(s) && s[i] == '/' {
					return false
				}
			}
			return false
		case '?':
			if len(s) == 0 || s[0] == '/' {
				return false
			}
			p, s = p[1:], s[1:]
		case '[':
			if len(s) == 0 || s[0] == '/' {
				return false
			}
			ok, n, valid := matchClass(p, s[0])
			if !valid {
				// An unclosed "[" matches itself.
				if s[0] != '[' {
					return false
				}
				p, s = p[1:], s[1:]
				continue
			}
			if !ok {
				return false
			}
			p, s = p[n:], s[1:]
		case '\\':
			if len(p) > 1 {
				c = p[1]
				p = p[1:]
			}
			if len(s) == 0 || s[0] != c {
				return false
			}
			p, s = p[1:], s[1:]
		default:
			if len(s) == 0 || s[0] != c {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return len(s) == 0
}

func indexSlash(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// matchClass matches c against the class at the start of p ("[...]") and
// returns the class's length; valid is false when the class never closes.
func matchClass(p string, c byte) (ok bool, n int, valid bool) {
	i := 1
	neg := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		neg = true
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return ok != neg, i + 1, true
		}
		first = false
		if p[i] == '[' && i+1 < len(p) && p[i+1] == ':' {
			if end := indexString(p[i+2:], ":]"); end >= 0 {
				if posixClass(p[i+2:i+2+end], c) {
					ok = true
				}
				i += end + 4
				continue
			}
		}
		lo := p[i]
		if lo == '\\' && i+1 < len(p) {
			i++
			lo = p[i]
		}
		i++
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi = p[i+1]
			if hi == '\\' && i+2 < len(p) {
				hi = p[i+2]
				i++
			}
			i += 2
		}
		if lo <= c && c <= hi {
			ok = true
		}
	}
	return false, 0, false
}

func indexString(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func posixClass(name string, c byte) bool {
	lower, upper, digit := 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9'
	switch name {
	case "alpha":
		return lower || upper
	case "alnum":
		return lower || upper || digit
	case "digit":
		return digit
	case "lower":
		return lower
	case "upper":
		return upper
	case "space":
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
	case "blank":
		return c == ' ' || c == '\t'
	case "xdigit":
		return digit || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
	case "punct":
		return c > 32 && c < 127 && !lower && !upper && !digit
	case "print":
		return c >= 32 && c < 127
	case "graph":
		return c > 32 && c < 127
	case "cntrl":
		return c < 32 || c == 127
	}
	return false
}
