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
	return find(data, '/', pathAt) ||
		find(data, 'y', hostAt) || find(data, 'Y', hostAt) ||
		find(data, 'x', tokenAt) || find(data, 'X', tokenAt)
}

func find(data []byte, c byte, at func([]byte, int) bool) bool {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], c)
		if j < 0 {
			return false
		}
		if at(data, i+j) {
			return true
		}
		i += j + 1
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
