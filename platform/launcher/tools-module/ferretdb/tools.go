//go:build tools

// Package tools pins FerretDB v1, the MongoDB-wire store the platform runs on SQLite.
package tools

import _ "github.com/FerretDB/FerretDB/cmd/ferretdb"
