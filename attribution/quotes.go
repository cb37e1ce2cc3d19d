package attribution

import "github.com/whosaid/whosaid/entities"

// findQuotations finds every quotation in doc. (Scaffold: being replaced by
// the full quotation finder.)
func findQuotations(doc *entities.Document) ([]Quote, []Problem) {
	return nil, nil
}
