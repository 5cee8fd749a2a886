// Dates and eras are part of the workflow language's vocabulary (CalendarDate in rules and checks).
@_exported import JapaneseCalendar
