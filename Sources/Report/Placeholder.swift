// Placeholder: replaced by the Report target (issue 7).
enum ReportPlaceholder {}
