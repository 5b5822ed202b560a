package dev.mlops.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EventBridge schedule expressions: {@code rate(1 day)}, {@code rate(6 hours)}, {@code cron(0 3 * * ? *)}. */
public final class Schedules {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\(([^)]*)\\)");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Z*?,/#LW-]+");
    public static final String ALLOWED = "an EventBridge schedule: rate(<n> minute[s]|hour[s]|day[s]) or cron(<minutes> <hours> "
            + "<day-of-month> <month> <day-of-week> <year>) with ? in day-of-month or day-of-week, e.g. cron(0 3 * * ? *)";

    private Schedules() {
    }

    public static final Check<String> EXPRESSION = new Check<>(Schedules::valid, v -> "\"" + v + "\" is not " + ALLOWED);

    public static boolean valid(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long value;
            try {
                value = Long.parseLong(rate.group(1));
            } catch (NumberFormatException e) {
                return false;
            }
            boolean singular = !rate.group(2).endsWith("s");
            return value >= 1 && value <= 1_000_000 && (value == 1) == singular;
        }
        Matcher cron = CRON.matcher(expression);
        if (!cron.matches()) {
            return false;
        }
        String[] fields = cron.group(1).trim().split("\\s+");
        if (fields.length != 6) {
            return false;
        }
        for (String field : fields) {
            if (!CRON_FIELD.matcher(field).matches()) {
                return false;
            }
        }
        // Day-of-month and day-of-week cannot both be given: exactly one of them is '?'.
        return fields[2].equals("?") ^ fields[4].equals("?");
    }
}
