//go:build tools

// Package tools pins the Temporal CLI, whose dev server the platform runs on one machine.
package tools

import _ "github.com/temporalio/cli/cmd/temporal"
