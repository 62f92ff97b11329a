// Placeholder: replaced by step implementations.
enum StepsPlaceholder {}
