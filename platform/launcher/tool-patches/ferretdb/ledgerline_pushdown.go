// Added to FerretDB's SQLite backend by Ledgerline's tools bootstrap (platform/launcher/tools.ts).

package sqlite

import (
	"regexp"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
)

// pushdownField is a top-level field name that can be written into SQL as it is, and that SQLite
// reads as the same JSON object label the backend's indexes are created on.
var pushdownField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// ledgerlinePushdown adds a prefilter for top-level `field: <string or boolean>` equalities when the
// backend pushed nothing down itself. FerretDB filters every fetched document again in full, so the
// prefilter only has to keep every document that can match: the equal value, or an array (which may
// hold it). Both arms are written against `_ferretdb_sjson->'field'`, the expression FerretDB's own
// indexes use, so SQLite answers them through an index on the field when one exists.
func ledgerlinePushdown(filter *types.Document, whereClause string, args []any) (string, []any) {
	if whereClause != "" || filter.Len() == 0 {
		return whereClause, args
	}

	keys := filter.Keys()
	seen := make(map[string]bool, len(keys))

	var conditions []string

	for _, key := range keys {
		if seen[key] {
			// A repeated key: leave the whole filter to FerretDB.
			return whereClause, args
		}

		seen[key] = true

		if !pushdownField.MatchString(key) {
			continue
		}

		value, _ := filter.Get(key)

		switch value.(type) {
		case string, bool:
		default:
			continue
		}

		marshalled, err := sjson.MarshalSingleValue(value)
		if err != nil {
			continue
		}

		encoded := string(marshalled)
		if strings.Contains(encoded, `\`) {
			// Escapes may be written differently in a stored document; keep such values in Go.
			continue
		}

		column := metadata.DefaultColumn + "->'" + key + "'"
		conditions = append(conditions, "("+column+" = ? OR ("+column+" >= '[' AND "+column+" < '\\'))")
		args = append(args, encoded)
	}

	if len(conditions) == 0 {
		return whereClause, args
	}

	return " WHERE " + strings.Join(conditions, " AND "), args
}
