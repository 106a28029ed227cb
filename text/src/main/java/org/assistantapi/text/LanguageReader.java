package org.assistantapi.text;

/** Plain text (markup already removed) to the words of one language. */
sealed interface LanguageReader permits Verbalizer, NumberReader {

    String read(String text);
}
