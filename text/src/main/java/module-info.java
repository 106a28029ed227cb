/**
 * The text front-end: turns what an LLM wrote (Markdown, numbers, dates, units, abbreviations,
 * URLs, emoji) into the words a careful person would read aloud, per language, before an engine
 * phonemizes it. Plain CPU work on strings: no engines, no I/O except the operator's lexicon files.
 */
module org.assistantapi.text {
    requires java.logging;
    requires com.ibm.icu;
    requires org.commonmark;
    requires org.commonmark.ext.gfm.tables;
    requires org.commonmark.ext.gfm.strikethrough;

    exports org.assistantapi.text;
}
