// Command kehoach turns Vietnamese public-sector plans (Kế hoạch, chương
// trình hành động, quyết định ban hành kế hoạch) into task registers: every
// task of every appendix table, with its section, agencies and deadline.
//
// Run "kehoach help" for the commands.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], systemStreams()))
}
