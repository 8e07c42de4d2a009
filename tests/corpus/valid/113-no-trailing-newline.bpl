// The last token is at EOF without a newline.
role Admin