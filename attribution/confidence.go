package attribution

// score sets q.Confidence from its evidence. (Scaffold: being replaced by
// the fitted model.)
func score(q *Quote, explain bool) {}
