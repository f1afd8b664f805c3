package serverless

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/cloudformation"
)

// Options are what `serverless deploy` is given besides the file.
type Options = cloudformation.ServerlessOptions

// fileNames are the names the framework looks for in a service directory.
var fileNames = []string{"serverless.yml", "serverless.yaml"}

// Import reads the service at path: a serverless.yml, or a directory
// holding one.
func Import(path string, opts Options) (*importer.Layout, error) {
	file, err := locate(path)
	if err != nil {
		return nil, err
	}
	data, err := importer.ReadSource(file)
	if err != nil {
		return nil, err
	}
	return cloudformation.ImportServerless(file, data, opts)
}

// locate finds the service file of a directory.
func locate(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return path, nil
	}
	for _, n := range fileNames {
		if _, err := os.Stat(filepath.Join(path, n)); err == nil {
			return filepath.Join(path, n), nil
		}
	}
	return "", fmt.Errorf("%s: no serverless.yml there (serverless.ts and serverless.js are code: run 'serverless print > serverless.yml' and import that)", path)
}
