package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an engine's {@link TimeGrain} templates from its primitives (truncate to a unit, floor to a step of a
 * unit, add days, day of week), so that an engine declares what it can do once and the 21 grains follow.
 * The legacy aliases are derived, never written: {@link TimeGrain#HALF_HOUR} is {@link TimeGrain#THIRTY_MINUTES},
 * {@link TimeGrain#QUARTER_YEAR} is {@link TimeGrain#QUARTER}, {@link TimeGrain#WEEK_STARTING_MONDAY} is
 * {@link TimeGrain#WEEK}.
 *
 * <pre>{@code
 * TimeGrains.builder()
 *     .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
 *     .stepped((within, field, step) -> ...)
 *     .shiftedWeeks((value, days) -> ...)
 *     .build();
 * }</pre>
 *
 * <p>Each step adds grains; a later step (or {@link Builder#grain}) replaces what an earlier one wrote, so an
 * engine with one odd grain states only that one.
 */
public final class TimeGrains {
    /** The calendar units a {@link Truncation} is asked for when no units are named. */
    public static final List<TimeGrain> UNITS = List.of(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
            TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR);

    private static final Map<TimeGrain, TimeGrain> ALIASES = Map.of(
            TimeGrain.HALF_HOUR, TimeGrain.THIRTY_MINUTES,
            TimeGrain.QUARTER_YEAR, TimeGrain.QUARTER,
            TimeGrain.WEEK_STARTING_MONDAY, TimeGrain.WEEK);

    /** Each stepped grain: the unit it starts from, the unit it counts in, and the step. */
    private static final List<Step> STEPS = List.of(
            new Step(TimeGrain.FIVE_SECONDS, TimeGrain.MINUTE, TimeGrain.SECOND, 5),
            new Step(TimeGrain.THIRTY_SECONDS, TimeGrain.MINUTE, TimeGrain.SECOND, 30),
            new Step(TimeGrain.FIVE_MINUTES, TimeGrain.HOUR, TimeGrain.MINUTE, 5),
            new Step(TimeGrain.TEN_MINUTES, TimeGrain.HOUR, TimeGrain.MINUTE, 10),
            new Step(TimeGrain.FIFTEEN_MINUTES, TimeGrain.HOUR, TimeGrain.MINUTE, 15),
            new Step(TimeGrain.THIRTY_MINUTES, TimeGrain.HOUR, TimeGrain.MINUTE, 30),
            new Step(TimeGrain.SIX_HOURS, TimeGrain.DAY, TimeGrain.HOUR, 6));

    private static final Modulo MOD_FUNCTION = (left, right) -> "MOD(" + left + ", " + right + ")";
    private static final Modulo PERCENT_OPERATOR = (left, right) -> left.contains(" ") ? "(" + left + ") % " + right : "(" + left + " % " + right + ")";

    private TimeGrains() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The modulo of engines with a {@code MOD} function: {@code MOD(left, right)}, for example {@code MOD(DAYOFWEEK({col}), 7)}.
     *
     * @since 1.7.0
     */
    public static Modulo modFunction() {
        return MOD_FUNCTION;
    }

    /**
     * The modulo of engines with a {@code %} operator: {@code (left) % right} when {@code left} holds a blank (an
     * expression such as {@code 13 - DOW(x)}), else {@code (left % right)}; for example {@code (13 - DOW(x)) % 7} and
     * {@code (DOW(x) % 7)}.
     *
     * @since 1.7.0
     */
    public static Modulo percentOperator() {
        return PERCENT_OPERATOR;
    }

    /** The grain that {@code grain} is a legacy alias of, or {@code grain} itself. */
    public static TimeGrain canonical(TimeGrain grain) {
        return ALIASES.getOrDefault(requireNonNull(grain, "grain is null"), grain);
    }

    /** Truncates {@code value} (an SQL expression) to the start of {@code unit}: a {@link #UNITS} member or {@link TimeGrain#WEEK_STARTING_SUNDAY}. */
    @FunctionalInterface
    public interface Truncation {
        String truncate(TimeGrain unit, String value);
    }

    /**
     * The start of the {@code step}-wide bucket of {@code field}s within the enclosing {@code within} unit (for
     * {@link TimeGrain#FIVE_MINUTES}: within {@code HOUR}, field {@code MINUTE}, step 5), over {@code value}.
     */
    @FunctionalInterface
    public interface Stepper {
        String floor(TimeGrain within, TimeGrain field, int step, String value);
    }

    /** {@code value} plus {@code days} days (negative: minus), as the engine writes it. */
    @FunctionalInterface
    public interface DayAdder {
        String addDays(String value, int days);
    }

    /** {@code value} plus an SQL day count (an expression such as {@code 1 - ISODOW(x)}), as the engine writes it. */
    @FunctionalInterface
    public interface DayOffset {
        String addDays(String value, String days);
    }

    /**
     * {@code left} modulo {@code right}, as the engine writes it ({@code MOD(a, 7)}, {@code (a) % 7}); the two usual forms
     * are {@link #modFunction()} and {@link #percentOperator()}.
     */
    @FunctionalInterface
    public interface Modulo {
        String mod(String left, int right);
    }

    private record Step(TimeGrain grain, TimeGrain within, TimeGrain field, int step) {
    }

    /** Collects the templates of one engine; see {@link TimeGrains}. */
    public static final class Builder {
        private final Map<TimeGrain, String> grains = new EnumMap<>(TimeGrain.class);
        private String value = "{col}";
        private Truncation truncation;

        private Builder() {
        }

        /** The expression every primitive is applied to, {@code {col}} by default (for example {@code CAST({col} AS TIMESTAMP)}). */
        public Builder value(String value) {
            this.value = requireNonNull(value, "value is null");
            return this;
        }

        /** Declares truncation to {@code units}, or to all {@link #UNITS} when none are named. */
        public Builder truncate(Truncation truncation, TimeGrain... units) {
            this.truncation = requireNonNull(truncation, "truncation is null");
            for (TimeGrain unit : units.length == 0 ? UNITS : List.of(units)) {
                if (!UNITS.contains(unit) && unit != TimeGrain.WEEK_STARTING_SUNDAY) {
                    throw new IllegalArgumentException(unit + " is not a unit to truncate to; use one of " + UNITS + " or WEEK_STARTING_SUNDAY");
                }
                put(unit, truncation.truncate(unit, value));
            }
            return this;
        }

        /** Declares the seven stepped grains (5 and 30 seconds; 5, 10, 15 and 30 minutes; 6 hours). */
        public Builder stepped(Stepper stepper) {
            requireNonNull(stepper, "stepper is null");
            for (Step step : STEPS) {
                put(step.grain(), stepper.floor(step.within(), step.field(), step.step(), value));
            }
            return this;
        }

        /**
         * Declares the Sunday-based week grains from the ISO (Monday) week truncation given to {@link #truncate}: a
         * value one day later falls into the next ISO week exactly when it is a Sunday, so that week's Monday, a day
         * back, is the Sunday start and, five days on, the Saturday end; the week ending Sunday is six days after
         * the ISO week's Monday.
         */
        public Builder shiftedWeeks(DayAdder adder) {
            requireNonNull(adder, "adder is null");
            if (truncation == null) {
                throw new IllegalStateException("shiftedWeeks needs truncate(...) first");
            }
            String nextDayWeek = truncation.truncate(TimeGrain.WEEK, adder.addDays(value, 1));
            put(TimeGrain.WEEK_STARTING_SUNDAY, adder.addDays(nextDayWeek, -1));
            put(TimeGrain.WEEK_ENDING_SATURDAY, adder.addDays(nextDayWeek, 5));
            put(TimeGrain.WEEK_ENDING_SUNDAY, adder.addDays(truncation.truncate(TimeGrain.WEEK, value), 6));
            return this;
        }

        /** Declares the two "ending" week grains six days after the declared week starts ({@code WEEK_STARTING_SUNDAY} and {@code WEEK}). */
        public Builder endingWeeks(DayAdder adder) {
            requireNonNull(adder, "adder is null");
            put(TimeGrain.WEEK_ENDING_SATURDAY, adder.addDays(require(TimeGrain.WEEK_STARTING_SUNDAY), 6));
            put(TimeGrain.WEEK_ENDING_SUNDAY, adder.addDays(require(TimeGrain.WEEK), 6));
            return this;
        }

        /**
         * Declares the four week grains by day arithmetic on {@code day} (the value truncated to its day), from a day of
         * week that counts Monday as {@code monday} (1 for ISO numbering, 0 where Monday is 0) up to Sunday.
         */
        public Builder weekdayWeeks(String day, String dayOfWeek, int monday, DayOffset offset, Modulo modulo) {
            requireNonNull(day, "day is null");
            requireNonNull(dayOfWeek, "dayOfWeek is null");
            requireNonNull(offset, "offset is null");
            requireNonNull(modulo, "modulo is null");
            if (monday == 1) {
                put(TimeGrain.WEEK, offset.addDays(day, "1 - " + dayOfWeek));
                put(TimeGrain.WEEK_STARTING_SUNDAY, offset.addDays(day, "-" + modulo.mod(dayOfWeek, 7)));
                put(TimeGrain.WEEK_ENDING_SATURDAY, offset.addDays(day, modulo.mod("13 - " + dayOfWeek, 7)));
                put(TimeGrain.WEEK_ENDING_SUNDAY, offset.addDays(day, "7 - " + dayOfWeek));
            } else if (monday == 0) {
                put(TimeGrain.WEEK, offset.addDays(day, "-" + dayOfWeek));
                put(TimeGrain.WEEK_STARTING_SUNDAY, offset.addDays(day, "-" + modulo.mod(dayOfWeek + " + 1", 7)));
                put(TimeGrain.WEEK_ENDING_SATURDAY, offset.addDays(day, modulo.mod("12 - " + dayOfWeek, 7)));
                put(TimeGrain.WEEK_ENDING_SUNDAY, offset.addDays(day, "6 - " + dayOfWeek));
            } else {
                throw new IllegalArgumentException("monday must be 0 or 1, not " + monday);
            }
            return this;
        }

        /** Declares (or replaces) one grain's template; aliases are derived and cannot be declared. */
        public Builder grain(TimeGrain grain, String template) {
            put(grain, template);
            return this;
        }

        /** Drops grains the engine cannot compute exactly. */
        public Builder without(TimeGrain... grains) {
            for (TimeGrain grain : grains) {
                this.grains.remove(canonical(grain));
            }
            return this;
        }

        /** The templates, aliases included; every template must mention {@code {col}}. */
        public Map<TimeGrain, String> build() {
            Map<TimeGrain, String> result = new EnumMap<>(grains);
            ALIASES.forEach((alias, canonical) -> {
                String template = grains.get(canonical);
                if (template != null) {
                    result.put(alias, template);
                }
            });
            return Collections.unmodifiableMap(result);
        }

        private String require(TimeGrain grain) {
            String template = grains.get(grain);
            if (template == null) {
                throw new IllegalStateException(grain + " must be declared first");
            }
            return template;
        }

        private void put(TimeGrain grain, String template) {
            requireNonNull(grain, "grain is null");
            requireNonNull(template, "template is null");
            if (ALIASES.containsKey(grain)) {
                throw new IllegalArgumentException(grain + " is derived from " + ALIASES.get(grain) + "; declare that instead");
            }
            if (!template.contains("{col}")) {
                throw new IllegalArgumentException(grain + ": template does not mention {col}: " + template);
            }
            grains.put(grain, template);
        }
    }
}
