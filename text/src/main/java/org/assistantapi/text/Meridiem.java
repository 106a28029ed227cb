package org.assistantapi.text;

/** Whether a time was written with a.m., p.m. or neither (a 24-hour or ambiguous time). */
enum Meridiem {
    NONE, AM, PM
}
