package io.simclr.workbench.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps DJL's number-operand arithmetic out of the project (see {@link Scalars} for why): the main
 * sources are compiled and every call is resolved, so a call of any NDArray method that takes a
 * {@code Number}, or of DJL's swish and mish (which use one inside), fails this test with its place.
 */
class NumberOperandsTest {

    private static final Set<String> ACTIVATIONS_WITH_NUMBER_OPERANDS = Set.of("swish", "swishBlock", "mish", "mishBlock");

    @Test
    void noCallInTheMainSourcesPassesANumberToTheEngine() throws IOException {
        List<String> found = numberOperandCalls(Path.of("src/main/java"));
        assertTrue(found.isEmpty(), "use io.simclr.workbench.nd.Scalars instead of:\n" + String.join("\n", found));
    }

    @Test
    void theCheckFindsANumberOperand(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path source = dir.resolve("p/Bad.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package p;
                import ai.djl.ndarray.NDArray;
                class Bad {
                    NDArray half(NDArray x) { return x.div(2f); }
                    NDArray fine(NDArray x) { return x.div(x); }
                    NDArray swish(NDArray x) { return ai.djl.nn.Activation.swish(x, 1f); }
                }
                """);
        List<String> found = numberOperandCalls(dir);
        assertEquals(2, found.size(), String.join("\n", found));
        assertTrue(found.get(0).contains("Bad.java:4") && found.get(0).contains("div"), found.get(0));
        assertTrue(found.get(1).contains("Bad.java:6") && found.get(1).contains("swish"), found.get(1));
    }

    private static List<String> numberOperandCalls(Path root) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, List.of("-proc:none", "-classpath", classPath), null,
                    files.getJavaFileObjectsFromPaths(sources));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            Trees trees = Trees.instance(task);
            Types types = task.getTypes();
            TypeMirror number = task.getElements().getTypeElement("java.lang.Number").asType();
            TypeMirror ndArray = task.getElements().getTypeElement("ai.djl.ndarray.NDArray").asType();
            TypeMirror ndArrayEx = task.getElements().getTypeElement("ai.djl.ndarray.internal.NDArrayEx").asType();
            for (CompilationUnitTree unit : units) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                        Element element = trees.getElement(getCurrentPath());
                        if (element instanceof ExecutableElement method) {
                            TypeElement owner = (TypeElement) method.getEnclosingElement();
                            TypeMirror ownerType = types.erasure(owner.asType());
                            boolean onArray = types.isSubtype(ownerType, types.erasure(ndArray)) || types.isSubtype(ownerType, types.erasure(ndArrayEx));
                            boolean numberParameter = method.getParameters().stream().anyMatch(p -> types.isSameType(p.asType(), number));
                            boolean activation = owner.getQualifiedName().contentEquals("ai.djl.nn.Activation")
                                    && ACTIVATIONS_WITH_NUMBER_OPERANDS.contains(method.getSimpleName().toString());
                            if ((onArray && numberParameter) || activation) {
                                long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, call));
                                found.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + "  " + owner.getSimpleName() + "."
                                        + method.getSimpleName() + method.getParameters().stream().map(p -> p.asType().toString())
                                        .toList());
                            }
                        }
                        return super.visitMethodInvocation(call, unused);
                    }
                }.scan(unit, null);
            }
        }
        boolean compiled = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
        assertTrue(compiled, "the sources must compile for the check to resolve calls: " + diagnostics.getDiagnostics());
        return found;
    }
}
