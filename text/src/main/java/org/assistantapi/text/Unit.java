package org.assistantapi.text;

/** A unit's words after a number, and in German the gender that picks "ein" or "eine". */
record Unit(String singular, String plural, Gender gender) {
}
