/**
 * The text front-end the workers run before an engine phonemizes: Markdown and emoji removal,
 * numbers, dates, times, money, units, URLs and abbreviations as words, per language, and the
 * operator's pronunciation lexicon. {@link org.assistantapi.text.TextFrontEnd} is the whole API.
 * It may not touch engines, encoders, processes or the network: strings in, strings out (it reads
 * only its own resource tables and the lexicon files it is given).
 */
package org.assistantapi.text;
