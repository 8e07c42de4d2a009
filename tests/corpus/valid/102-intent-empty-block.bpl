// An intent with an empty property block.
intent page "Empty" {}
intent page "Empty too" priority low {}
