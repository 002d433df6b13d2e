package source

import "bytes"

// Mentions reports whether data mentions Aptly: a getaptly.com host, an
// /api/aptlet/ or /api/board/ path, or an x-token (x_token) name, in any
// case. It is the one scan every source file costs; a file without a
// mention is never tokenized.
//
// Each marker is found from one of its bytes that is rare in code ('/',
// 'y' of getaptly, 'x' of x-token), which bytes.IndexByte finds with
// vector instructions; only there are the bytes around compared.
func Mentions(data []byte) bool {
	// Paths: a '/' followed by "api/".
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '/')
		if j < 0 {
			break
		}
		i += j
		if i+4 < len(data) && data[i+1]|0x20 == 'a' && pathAt(data, i) {
			return true
		}
		i++
	}
	// Hosts: the 'y' of getaptly, after "aptl".
	for _, c := range [2]byte{'y', 'Y'} {
		for i := 7; i < len(data); {
			j := bytes.IndexByte(data[i:], c)
			if j < 0 {
				break
			}
			i += j
			if data[i-1]|0x20 == 'l' && hostAt(data, i) {
				return true
			}
			i++
		}
	}
	// Names: the 'x' of x-token.
	for _, c := range [2]byte{'x', 'X'} {
		for i := 0; i < len(data); {
			j := bytes.IndexByte(data[i:], c)
			if j < 0 {
				break
			}
			i += j
			if i+1 < len(data) && (data[i+1] == '-' || data[i+1] == '_') && tokenAt(data, i) {
				return true
			}
			i++
		}
	}
	return false
}

func pathAt(data []byte, i int) bool {
	return hasFold(data[i:], "/api/aptlet/") || hasFold(data[i:], "/api/board/")
}

func hostAt(data []byte, i int) bool {
	const host = "getaptly.com"
	return i >= 7 && hasFold(data[i-7:], host)
}

func tokenAt(data []byte, i int) bool {
	return hasFold(data[i:], "x-token") || hasFold(data[i:], "x_token")
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
