using System.Globalization;
using System.Text.Json;

namespace Toolflow.Core.Validation.Shapes;

/// <summary>
/// The expected JSON type (and bounds) of one property. Rules work on raw JSON so a document
/// with many type errors reports every one of them before anything is deserialised.
/// </summary>
public abstract class FieldRule
{
    public abstract void Check(JsonElement value, string pointer, ProblemList problems);

    public static FieldRule String(int minLength = 0, int maxLength = int.MaxValue) => new StringRule(minLength, maxLength);

    public static FieldRule Integer(long min, long max) => new IntegerRule(min, max);

    public static FieldRule Number() => new KindRule(JsonValueKind.Number, "a number");

    public static FieldRule Boolean() => new BooleanRule();

    public static FieldRule AnyObject() => new KindRule(JsonValueKind.Object, "an object");

    public static FieldRule Any() => new AnyRule();

    public static FieldRule OneOf(params string[] values) => new EnumRule(values);

    public static FieldRule Object(ObjectShape shape) => new NestedRule(shape);

    public static FieldRule ArrayOf(FieldRule item, int maxItems) => new ArrayRule(item, maxItems);

    private sealed class StringRule(int minLength, int maxLength) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                problems.Add(pointer, $"must be a string, not {Describe(value)}");
                return;
            }

            var length = value.GetString()!.Length;
            if (length < minLength || string.IsNullOrWhiteSpace(value.GetString()) && minLength > 0)
            {
                problems.Add(pointer, minLength == 1 ? "must not be empty" : $"must be at least {minLength} characters");
            }
            else if (length > maxLength)
            {
                problems.Add(pointer, $"must be at most {maxLength} characters (it has {length})");
            }
        }
    }

    private sealed class IntegerRule(long min, long max) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                problems.Add(pointer, $"must be an integer between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {Describe(value)}");
            }
            else if (number < min || number > max)
            {
                problems.Add(pointer, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (it is {number.ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    private sealed class KindRule(JsonValueKind kind, string description) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind != kind)
            {
                problems.Add(pointer, $"must be {description}, not {Describe(value)}");
            }
        }
    }

    private sealed class BooleanRule : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(pointer, $"must be true or false, not {Describe(value)}");
            }
        }
    }

    private sealed class AnyRule : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
        }
    }

    private sealed class EnumRule(string[] values) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind != JsonValueKind.String || !values.Contains(value.GetString(), StringComparer.Ordinal))
            {
                problems.Add(pointer, $"must be one of {string.Join(", ", values.Select(v => $"'{v}'"))}, not {Describe(value)}");
            }
        }
    }

    private sealed class NestedRule(ObjectShape shape) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems) =>
            shape.Check(value, pointer, problems);
    }

    private sealed class ArrayRule(FieldRule item, int maxItems) : FieldRule
    {
        public override void Check(JsonElement value, string pointer, ProblemList problems)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                problems.Add(pointer, $"must be an array, not {Describe(value)}");
                return;
            }

            if (value.GetArrayLength() > maxItems)
            {
                problems.Add(pointer, string.Create(CultureInfo.InvariantCulture, $"must have at most {maxItems:N0} items (it has {value.GetArrayLength():N0})"));
                return;
            }

            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                item.Check(element, JsonPointers.Append(pointer, index++), problems);
            }
        }
    }

    /// <summary>Names a JSON value for a message: the type, and the text of short scalars.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString()!.Length <= 40 => $"the string '{value.GetString()}'",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
