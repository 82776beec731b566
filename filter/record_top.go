package filter

import "slices"

// SelectTop is Select for a caller that needs only the first n items of
// the result, such as the first page of a list: it returns those (top,
// in the order of Select), and every matching item in input order
// (matched), which the caller may count or later sort in full with
// SortRecords to get the same order as Select. It takes O(m log n)
// comparisons for m matches instead of Select's O(m log m).
func SelectTop[T any](items []T, f *Filter, by Sorters, rec func(T) *Record, n int) (top, matched []T) {
	matched, k := collect(items, f, by, rec)
	n = max(min(n, len(matched)), 0)
	if k == nil {
		return slices.Clone(matched[:n]), matched
	}
	top = make([]T, n)
	for i, w := range k.top(n) {
		top[i] = matched[w.item]
	}
	k.release()
	return top, matched
}

// top returns the sortItems of the first n items in sorted order, keeping
// the n smallest seen so far in a max-heap (by compare) of size n.
func (k *keyer) top(n int) []sortItem {
	items := k.sortItems()
	if n >= len(items) {
		slices.SortFunc(items, k.compare)
		return items
	}
	h := items[:n]
	for i := n/2 - 1; i >= 0; i-- {
		k.siftDown(h, i)
	}
	for _, it := range items[n:] {
		if n > 0 && k.compare(it, h[0]) < 0 {
			h[0] = it
			k.siftDown(h, 0)
		}
	}
	slices.SortFunc(h, k.compare)
	return h
}

// siftDown restores the max-heap order of h below i.
func (k *keyer) siftDown(h []sortItem, i int) {
	for {
		largest := i
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(h) && k.compare(h[c], h[largest]) > 0 {
				largest = c
			}
		}
		if largest == i {
			return
		}
		h[i], h[largest] = h[largest], h[i]
		i = largest
	}
}
