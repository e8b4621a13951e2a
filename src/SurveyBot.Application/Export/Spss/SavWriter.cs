using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SurveyBot.Engine.Kinds;

namespace SurveyBot.Export.Spss;

/// <summary>
/// Writes an SPSS system file (.sav), uncompressed, little-endian, UTF-8 (character encoding record
/// 7/20): header, variable records (long strings with continuation records, very long strings in
/// 255-byte segments with record 7/14), variable labels, value labels, user-missing codes, long
/// variable names (record 7/13) and the rows streamed from the results table.
/// Layout as documented in the PSPP developers guide ("System File Format").
/// </summary>
public sealed class SavWriter
{
    private const double SystemMissing = -double.MaxValue;
    private const int MaxVariableLabelBytes = 255;
    private const int MaxValueLabelBytes = 120;

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly IReadOnlyList<SavVariable> _variables;
    private readonly string _fileLabel;

    private SavWriter(IReadOnlyList<SavVariable> variables, string fileLabel)
    {
        _variables = variables;
        _fileLabel = fileLabel;
    }

    /// <summary>
    /// Writes the table. String widths come from <paramref name="textWidths"/> (the longest stored
    /// value in bytes, see <see cref="ResultTable.MaxTextBytesAsync"/>), at least 8 and at most 32767.
    /// </summary>
    public static async Task WriteAsync(ResultTable table, IReadOnlyList<ExportVariable> variables, IReadOnlyDictionary<string, int> textWidths,
        string fileLabel, Stream destination, CancellationToken cancellationToken = default)
    {
        var writer = new SavWriter(Layout(variables, textWidths), fileLabel);
        var start = destination.CanSeek ? destination.Position : -1;
        await using var buffered = new BufferedStream(destination, 1 << 20);
        var header = new BinaryWriter(buffered, Utf8, leaveOpen: true);
        writer.WriteDictionary(header, cases: -1);
        header.Flush();

        var caseBytes = new byte[writer._variables.Sum(v => v.Segments.Sum(s => s.Slots)) * 8];
        var cases = 0;
        await foreach (var row in table.RowsAsync(cancellationToken))
        {
            writer.EncodeCase(row, caseBytes);
            buffered.Write(caseBytes);
            cases++;
        }
        await buffered.FlushAsync(cancellationToken);
        if (start >= 0)
        {
            // The header's case count is only known now; readers accept -1, but a count is friendlier.
            var end = destination.Position;
            destination.Position = start + 80;
            Span<byte> count = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(count, cases);
            destination.Write(count);
            destination.Position = end;
        }
        await destination.FlushAsync(cancellationToken);
    }

    private static List<SavVariable> Layout(IReadOnlyList<ExportVariable> variables, IReadOnlyDictionary<string, int> textWidths)
    {
        var shortNames = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SavVariable>();
        var index = 1;
        foreach (var variable in variables)
        {
            var width = variable.IsNumeric ? 0 : Math.Clamp(textWidths.GetValueOrDefault(variable.Column), 8, SavVariable.MaxWidth);
            var count = width == 0 ? 1 : SavVariable.SegmentCount(width);
            var segments = new List<SavSegment>();
            for (var s = 0; s < count; s++)
                segments.Add(new SavSegment(UniqueShortName(variable.Name, s, shortNames), width == 0 ? 0 : SavVariable.SegmentWidth(width, s, count)));
            var laid = new SavVariable(variable, width, segments) { DictionaryIndex = index };
            index += segments.Sum(s => s.Slots);
            result.Add(laid);
        }
        return result;
    }

    /// <summary>Short names are 8 bytes, upper case and unique; the real name goes in record 7/13.</summary>
    private static string UniqueShortName(string name, int segment, HashSet<string> taken)
    {
        var stem = name.ToUpperInvariant();
        if (stem.Length > 8) stem = stem[..8];
        if (segment == 0 && taken.Add(stem)) return stem;
        for (var n = segment; ; n++)
        {
            var suffix = n.ToString(CultureInfo.InvariantCulture);
            var candidate = stem[..Math.Min(stem.Length, 8 - suffix.Length)] + suffix;
            if (taken.Add(candidate)) return candidate;
        }
    }

    private void WriteDictionary(BinaryWriter w, int cases)
    {
        // File header record (176 bytes).
        w.Write(Fixed("$FL2", 4));
        w.Write(Fixed("@(#) SPSS DATA FILE SurveyBot", 60));
        w.Write(2);
        w.Write(_variables.Sum(v => v.Segments.Sum(s => s.Slots)));
        w.Write(0); // uncompressed
        w.Write(0); // not weighted
        w.Write(cases);
        w.Write(100.0); // compression bias
        var now = DateTime.UtcNow;
        w.Write(Fixed(now.ToString("dd MMM yy", CultureInfo.InvariantCulture), 9));
        w.Write(Fixed(now.ToString("HH:mm:ss", CultureInfo.InvariantCulture), 8));
        w.Write(Fixed(_fileLabel, 64));
        w.Write(new byte[3]);

        foreach (var variable in _variables) WriteVariable(w, variable);

        foreach (var variable in _variables.Where(v => v.Width == 0 && v.Variable.ValueLabels.Count > 0))
        {
            w.Write(3);
            w.Write(variable.Variable.ValueLabels.Count);
            foreach (var label in variable.Variable.ValueLabels)
            {
                w.Write((double)label.Value);
                var text = Truncate(label.Label, MaxValueLabelBytes);
                w.Write((byte)text.Length);
                w.Write(text);
                w.Write(new byte[Pad(text.Length + 1, 8)]);
            }
            w.Write(4);
            w.Write(1);
            w.Write(variable.DictionaryIndex);
        }

        // Machine integer info: version 1.0.0, IEEE 754, little-endian, code page 65001 (UTF-8).
        WriteExtension(w, 3, 4, [1, 0, 0, -1, 1, 1, 2, 65001]);
        w.Write(7); w.Write(4); w.Write(8); w.Write(3);
        w.Write(SystemMissing); w.Write(double.MaxValue); w.Write(BitConverter.Int64BitsToDouble(unchecked((long)0xffeffffffffffffe)));

        // Variable display parameters: measurement level, display width and alignment for every segment.
        WriteExtension(w, 11, 4, [.. _variables.SelectMany(v => v.Segments.SelectMany(segment => segment.Width == 0
            ? new[] { (int)v.Variable.Level, 8, 1 }
            : [(int)MeasurementLevel.Nominal, Math.Clamp(segment.Width, 1, 40), 0]))]);
        WriteText(w, 13, string.Join('\t', _variables.Select(v => $"{v.ShortName}={v.Variable.Name}")));
        var veryLong = _variables.Where(v => v.IsVeryLong).ToList();
        if (veryLong.Count > 0)
            WriteText(w, 14, string.Concat(veryLong.Select(v => $"{v.ShortName}={v.Width.ToString("D5", CultureInfo.InvariantCulture)}\0\t")));
        WriteText(w, 20, "UTF-8");
        w.Write(999);
        w.Write(0);
    }

    private static void WriteVariable(BinaryWriter w, SavVariable variable)
    {
        for (var s = 0; s < variable.Segments.Count; s++)
        {
            var segment = variable.Segments[s];
            var first = s == 0;
            var label = first ? Truncate(variable.Variable.Label, MaxVariableLabelBytes) : [];
            var missing = first && segment.Width == 0 ? variable.Variable.MissingValues.Take(3).ToList() : [];
            // F8.0 for numbers, A<width> for strings: type << 16 | width << 8 | decimals.
            var format = segment.Width == 0 ? (5 << 16) | (8 << 8) : (1 << 16) | (segment.Width << 8);
            w.Write(2);
            w.Write(segment.Width);
            w.Write(label.Length > 0 ? 1 : 0);
            w.Write(missing.Count);
            w.Write(format);
            w.Write(format);
            w.Write(Fixed(segment.ShortName, 8));
            if (label.Length > 0)
            {
                w.Write(label.Length);
                w.Write(label);
                w.Write(new byte[Pad(label.Length, 4)]);
            }
            foreach (var value in missing) w.Write((double)value);
            for (var c = 1; c < segment.Slots; c++)
            {
                // Continuation record: the rest of a long string's slots.
                w.Write(2); w.Write(-1); w.Write(0); w.Write(0); w.Write(0); w.Write(0);
                w.Write(Fixed("", 8));
            }
        }
    }

    private void EncodeCase(string?[] row, byte[] output)
    {
        var at = 0;
        for (var i = 0; i < _variables.Count; i++)
        {
            var variable = _variables[i];
            var cell = row[i];
            if (variable.Width == 0)
            {
                var value = cell is { Length: > 0 } && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : SystemMissing;
                BinaryPrimitives.WriteDoubleLittleEndian(output.AsSpan(at, 8), value);
                at += 8;
                continue;
            }
            var bytes = Truncate(cell ?? "", variable.Width);
            var taken = 0;
            foreach (var segment in variable.Segments)
            {
                var room = segment.Slots * 8;
                var span = output.AsSpan(at, room);
                span.Fill((byte)' ');
                var used = Math.Min(Math.Min(segment.Width, SavVariable.SegmentBytes), Math.Max(0, bytes.Length - taken));
                bytes.AsSpan(taken, used).CopyTo(span);
                taken += used;
                at += room;
            }
        }
    }

    private static void WriteExtension(BinaryWriter w, int subtype, int size, int[] values)
    {
        w.Write(7); w.Write(subtype); w.Write(size); w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static void WriteText(BinaryWriter w, int subtype, string text)
    {
        var bytes = Utf8.GetBytes(text);
        w.Write(7); w.Write(subtype); w.Write(1); w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static int Pad(int length, int multiple) => (multiple - length % multiple) % multiple;

    /// <summary>ASCII text space-padded or cut to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Fixed(string text, int length)
    {
        var bytes = Enumerable.Repeat((byte)' ', length).ToArray();
        var encoded = Truncate(text, length);
        encoded.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>, cut at a character boundary to at most <paramref name="maxBytes"/>.</summary>
    private static byte[] Truncate(string text, int maxBytes)
    {
        var bytes = Utf8.GetBytes(text);
        if (bytes.Length <= maxBytes) return bytes;
        var end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) end--;
        return bytes[..end];
    }
}
