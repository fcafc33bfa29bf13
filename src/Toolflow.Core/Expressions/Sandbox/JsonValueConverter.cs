using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Moves values between JSON and JavaScript with JSON's own rules: numbers, booleans, strings,
/// null, arrays and objects map one to one; <c>undefined</c>, functions and symbols become null;
/// dates become ISO strings (via <c>toJSON</c>); NaN and ±Infinity become null.
/// </summary>
internal static class JsonValueConverter
{
    private const double MaxSafeInteger = 9007199254740991d;

    public static JsValue ToJs(SandboxEngine engine, JsonNode? node)
    {
        if (node is null)
        {
            return JsValue.Null;
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                return new JsString(node.GetValue<string>());
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            case JsonValueKind.Number:
                return JsNumber.Create(node.GetValue<double>());
            case JsonValueKind.Null:
                return JsValue.Null;
            default:
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    node.WriteTo(writer);
                }

                return engine.Parser.Parse(buffer.WrittenSpan);
        }
    }

    public static JsonNode? ToJson(SandboxEngine engine, JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }

        if (value.IsNumber())
        {
            return FromNumber(value.AsNumber());
        }

        if (value.IsString())
        {
            // A plain string is bounded like any other result: 'x'.repeat(3e7) passes the allocation
            // budget (Jint builds it lazily) but would be a 60 MB node output.
            var s = value.AsString();
            return s.Length > engine.Limits.MaxResultChars ? throw TooLarge(engine) : JsonValue.Create(s);
        }

        if (value.IsBigInt())
        {
            return JsonNode.Parse(value.ToString());
        }

        if (value.IsSymbol() || value is Jint.Native.Function.Function)
        {
            return null;
        }

        // Objects, arrays and dates: JSON.stringify semantics (toJSON, dropped functions, cycle = TypeError).
        JsValue text;
        try
        {
            text = engine.Serializer.Serialize(value);
        }
        catch (Jint.Runtime.JavaScriptException ex)
        {
            // A cycle (or a toJSON that throws): the value cannot be an output, and will not be next time either.
            throw new SandboxException(ExpressionErrorKind.Conversion, $"the result is not representable as JSON: {ex.Message}", ex);
        }

        if (!text.IsString())
        {
            return null;
        }

        var json = text.AsString();
        if (json.Length > engine.Limits.MaxResultChars)
        {
            throw TooLarge(engine);
        }

        return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
    }

    private static SandboxException TooLarge(SandboxEngine engine) =>
        new(ExpressionErrorKind.Conversion, $"the result is larger than {engine.Limits.MaxResultChars} characters of JSON");

    public static JsonNode? FromNumber(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return null;
        }

        // Parsed rather than JsonValue.Create(long): an element-backed number converts to any numeric
        // type (GetValue<int>, GetValue<double> …), as numbers read from a definition do.
        var integral = Math.Abs(number) <= MaxSafeInteger && Math.Floor(number) == number;
        var text = integral ? ((long)number).ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);
        return JsonNode.Parse(text);
    }
}
