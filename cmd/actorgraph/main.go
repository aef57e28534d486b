// Command actorgraph serves, loads, validates, queries and exports graphs
// of the actors named in policy and news writing. main only calls run;
// everything else is passed in, so tests call run directly.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "actorgraph:", err)
		os.Exit(exitCode(err))
	}
}
