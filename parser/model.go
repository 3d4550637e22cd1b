// Package parser turns Vietnamese public-sector plan documents into task
// registers. Every reader (PDF, OCR boxes, DOCX, HTML, each text shape)
// yields the same intermediate, a layout.Doc; structure, tables, tasks and
// normalisation work on that alone.
package parser

// Register is the task register of one plan document: its metadata, the
// tasks of every task table (and of list-form tasks in the body), and the
// warnings about what could not be read whole. Field order is the order of
// the keys in YAML and JSON, fixed by the contract.
type Register struct {
	Source   string   `json:"source" yaml:"source"`
	Document Document `json:"document" yaml:"document"`
	Tasks    []Task   `json:"tasks" yaml:"tasks"`
	Warnings []string `json:"warnings" yaml:"warnings"`
}

// Document is the metadata of a plan as printed in its header block,
// signature block or appendix caption.
type Document struct {
	Number string `json:"number" yaml:"number"` // số hiệu as printed, "458/KH-UBND"
	Type   string `json:"type" yaml:"type"`     // Kế hoạch, Quyết định, Chương trình…
	Issuer string `json:"issuer" yaml:"issuer"` // cơ quan ban hành, abbreviations expanded
	Place  string `json:"place" yaml:"place"`   // địa danh
	Date   string `json:"date" yaml:"date"`     // ISO date of issue, "" if unknown
	Title  string `json:"title" yaml:"title"`   // trích yếu
	Signer string `json:"signer" yaml:"signer"` // người ký, where shown
}

// Task is one row of a task table, or one list-form task of the body.
type Task struct {
	Appendix string   `json:"appendix" yaml:"appendix"`    // "Phụ lục II"; "" for tasks in the body
	Section  string   `json:"section" yaml:"section"`      // nearest heading row, numeral included
	STT      string   `json:"stt" yaml:"stt"`              // row number as printed
	Content  string   `json:"content" yaml:"content"`      // nội dung nhiệm vụ, one line
	Lead     []string `json:"lead" yaml:"lead,flow"`       // cơ quan chủ trì, one entry per agency
	Support  []string `json:"support" yaml:"support,flow"` // cơ quan phối hợp
	Deadline Deadline `json:"deadline" yaml:"deadline"`
	Result   string   `json:"result" yaml:"result"`      // sản phẩm / dự kiến kết quả
	Note     string   `json:"note" yaml:"note"`          // ghi chú
	Source   Position `json:"source" yaml:"source,flow"` // where the row starts in the input
}

// Deadline is a task's thời hạn: the printed text and what it means.
type Deadline struct {
	Text  string `json:"text" yaml:"text"`   // as printed
	Kind  string `json:"kind" yaml:"kind"`   // date, month, quarter, year, before, recurring, ongoing, event, text
	Due   string `json:"due" yaml:"due"`     // ISO date of the last day allowed, "" if none
	Every string `json:"every" yaml:"every"` // week, month, quarter, year for recurring
}

// Position is where a task's row starts in the input: 1-based page and line
// on that page (for text inputs, page 1 and the line of the file).
type Position struct {
	Page int `json:"page" yaml:"page"`
	Line int `json:"line" yaml:"line"`
}
