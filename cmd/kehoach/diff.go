package main

import "github.com/spf13/cobra"

func newDiffCmd(s *Streams) *cobra.Command {
	return &cobra.Command{Use: "diff OLD NEW", Short: "Compare two plans", Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return usagef("diff is being wired") }}
}
