package diff

// correspond pairs the appendices and sections of the old plan with those of
// the new one, so that a heading renumbered or relabelled does not count as
// every task under it moving. A heading printed the same in both plans is
// itself; the others are paired when most of the matched tasks of each go
// to the other (a mutual plurality). It fills c.appCorr and c.secCorr and
// returns the renamed headings.
func (c *comparer) correspond() []Rename {
	appOf := func(t *taskInfo) string { return t.appKey }
	secOf := func(t *taskInfo) string { return t.secKey }
	var renames []Rename
	var appNew map[string]string
	c.appCorr, appNew = c.pairHeadings(appOf)
	// Renamed appendices, in the new plan's order.
	seen := map[string]bool{}
	for _, b := range c.news {
		old, ok := appNew[b.appKey]
		if !ok || old == b.appKey || seen[b.appKey] {
			continue
		}
		seen[b.appKey] = true
		oldName := c.printedAppendix(old)
		renames = append(renames, Rename{Kind: "appendix", Old: oldName, New: b.task.Appendix,
			Renumbered: numberingOnly(c.z.key(oldName), c.z.key(b.task.Appendix))})
	}
	var secNew map[string]string
	c.secCorr, secNew = c.pairHeadings(secOf)
	seen = map[string]bool{}
	for _, b := range c.news {
		old, ok := secNew[b.secKey]
		if !ok || old == b.secKey || seen[b.secKey] {
			continue
		}
		seen[b.secKey] = true
		oldName := c.printedSection(old)
		if c.z.key(oldName) == c.z.key(b.task.Section) {
			continue // only its appendix was renamed
		}
		renames = append(renames, Rename{Kind: "section", Old: oldName, New: b.task.Section,
			Renumbered: numberingOnly(c.z.key(oldName), c.z.key(b.task.Section)), Appendix: b.task.Appendix})
	}
	return renames
}

// numberingOnly reports whether two heading keys differ only in their
// numbering, or one of them is empty (a label printed in one plan only).
func numberingOnly(a, b string) bool {
	return a == "" || b == "" || unnumbered(a) == unnumbered(b)
}

// pairHeadings pairs the heading keys given by key: old → new and new → old.
func (c *comparer) pairHeadings(key func(*taskInfo) string) (map[string]string, map[string]string) {
	oldKeys, newKeys := map[string]bool{}, map[string]bool{}
	for _, a := range c.olds {
		oldKeys[key(a)] = true
	}
	for _, b := range c.news {
		newKeys[key(b)] = true
	}
	fwd, back := map[string]string{}, map[string]string{}
	for k := range oldKeys {
		if newKeys[k] {
			fwd[k], back[k] = k, k
		}
	}
	// Count matched pairs between headings not paired by name, in order.
	type link struct{ o, n string }
	count := map[link]int{}
	var links []link
	for _, a := range c.olds {
		j := c.oldMatch[a.idx]
		if j < 0 {
			continue
		}
		o, n := key(a), key(c.news[j])
		if _, ok := fwd[o]; ok {
			continue
		}
		if _, ok := back[n]; ok {
			continue
		}
		l := link{o, n}
		if count[l] == 0 {
			links = append(links, l)
		}
		count[l]++
	}
	bestNew, bestOld := map[string]link{}, map[string]link{}
	for _, l := range links {
		if b, ok := bestNew[l.o]; !ok || count[l] > count[b] {
			bestNew[l.o] = l
		}
		if b, ok := bestOld[l.n]; !ok || count[l] > count[b] {
			bestOld[l.n] = l
		}
	}
	for _, l := range links {
		if bestNew[l.o] == l && bestOld[l.n] == l {
			fwd[l.o], back[l.n] = l.n, l.o
		}
	}
	return fwd, back
}

// printedAppendix is the appendix of the first old task with the key.
func (c *comparer) printedAppendix(key string) string {
	for _, a := range c.olds {
		if a.appKey == key {
			return a.task.Appendix
		}
	}
	return ""
}

// printedSection is the section of the first old task with the key.
func (c *comparer) printedSection(key string) string {
	for _, a := range c.olds {
		if a.secKey == key {
			return a.task.Section
		}
	}
	return ""
}

// moved reports whether a task under heading o in the old plan and n in the
// new one changed heading: n is not the heading o corresponds to.
func moved(corr map[string]string, o, n string) bool {
	v, ok := corr[o]
	return !ok || v != n
}
