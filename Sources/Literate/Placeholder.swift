// Placeholder: replaced by the Literate target (issue 2).
enum LiteratePlaceholder {}
