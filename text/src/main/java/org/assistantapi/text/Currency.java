package org.assistantapi.text;

/** A currency's words: the unit and its hundredth, each singular and plural. */
record Currency(String unit, String units, String cent, String cents, Gender gender) {
}
