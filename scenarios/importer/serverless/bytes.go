package serverless

import (
	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/cloudformation"
)

// importBytes is Import for a file already in memory (tests, fuzzing).
func importBytes(name, data string, opts Options) (*importer.Layout, error) {
	return cloudformation.ImportServerless(name, []byte(data), opts)
}
