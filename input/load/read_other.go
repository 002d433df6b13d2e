//go:build !unix

package load

func readFile(name string, limit int64) ([]byte, int64, error) {
	return readPortable(name, limit)
}
